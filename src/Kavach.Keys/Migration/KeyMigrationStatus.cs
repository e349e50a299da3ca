namespace Kavach.Keys.Migration;

/// <summary>The status texts MOSIP's migration endpoints answer with (exact wire values).</summary>
public static class KeyMigrationStatus
{
    /// <summary>The key was stored.</summary>
    public const string Success = "Migration Success";

    /// <summary>A pool key that could not be decrypted or re-wrapped (nothing stored for it).</summary>
    public const string Failed = "Error in Migration";

    /// <summary>A key is already there: a current base key valid at the same time, the same certificate, or the pool index.</summary>
    public const string NotAllowed = "Migration Not Allowed. Valid Key Exists.";
}
