namespace Kavach.Trust.Authorities;

/// <summary>The <c>status</c> texts of <c>uploadCACertificate</c>, exactly as MOSIP sends them.</summary>
public static class CaUploadStatus
{
    /// <summary>Everything was stored (or the single certificate was).</summary>
    public const string Success = "Upload Success.";

    /// <summary>Some certificates of a bundle were stored, some were not.</summary>
    public const string Partial = "Partial Upload Success.";

    /// <summary>No certificate of a bundle was stored.</summary>
    public const string Failed = "Upload Failed.";
}
