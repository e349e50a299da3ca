namespace Kavach.Trust.Paths;

/// <summary>The outcome of a trust-path check in a partner domain.</summary>
public enum TrustVerdict
{
    /// <summary>A path to a trusted root of the domain exists, every certificate on it is valid now and none is revoked.</summary>
    Trusted,

    /// <summary>No path to a root of the domain (unknown issuer, bad signature, not a CA, ...).</summary>
    NoTrustPath,

    /// <summary>A path exists but a certificate on it is outside its validity period.</summary>
    NotTimeValid,

    /// <summary>A path exists but a certificate on it is listed in its issuer's CRL.</summary>
    Revoked,
}
