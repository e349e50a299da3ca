namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Request of Kavach's <c>uploadCRL</c>.</summary>
public sealed class CrlUploadRequestDto
{
    /// <summary>The CRL: PEM <c>X509 CRL</c>, or base64url/base64 DER (required).</summary>
    public string? CrlData { get; set; }

    /// <summary>When given, the issuing CA must be a CA of this domain; the CRL applies wherever that CA is trusted.</summary>
    public string? PartnerDomain { get; set; }
}
