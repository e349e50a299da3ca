namespace Kavach.Keys.Hierarchy;

/// <summary>Application and reference ids with a fixed meaning in MOSIP's key hierarchy.</summary>
public static class KeyIds
{
    /// <summary>The self-signed root of the hierarchy.</summary>
    public const string Root = "ROOT";

    /// <summary>The kernel application (owner of SIGN and IDENTITY_CACHE).</summary>
    public const string Kernel = "KERNEL";

    /// <summary>The reference id of an application's data-signing key (KERNEL/SIGN, IDA/SIGN, …).</summary>
    public const string Sign = "SIGN";

    /// <summary>The zero-knowledge master key's reference id.</summary>
    public const string IdentityCache = "IDENTITY_CACHE";

    /// <summary>Partner application id (keys for it are uploaded, never generated).</summary>
    public const string Partner = "PARTNER";

    /// <summary>Pseudo application id of the base-key rotation policy.</summary>
    public const string Base = "BASE";

    /// <summary>ECDSA secp256k1 signing key reference id.</summary>
    public const string EcSecp256k1Sign = "EC_SECP256K1_SIGN";

    /// <summary>ECDSA P-256 signing key reference id.</summary>
    public const string EcSecp256r1Sign = "EC_SECP256R1_SIGN";

    /// <summary>Ed25519 signing key reference id.</summary>
    public const string Ed25519Sign = "ED25519_SIGN";

    /// <summary>True for the three EC/Ed signing reference ids.</summary>
    public static bool IsEcSignReference(string refId) =>
        refId is EcSecp256k1Sign or EcSecp256r1Sign or Ed25519Sign;

    /// <summary>True for KERNEL/SIGN (application id compared case-insensitively, as MOSIP does).</summary>
    public static bool IsKernelSign(string appId, string refId) =>
        string.Equals(appId, Kernel, StringComparison.OrdinalIgnoreCase) && refId == Sign;
}
