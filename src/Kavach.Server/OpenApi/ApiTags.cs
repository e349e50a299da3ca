namespace Kavach.Server.OpenApi;

/// <summary>
/// The areas the API description groups operations by. MOSIP's own tag names, so a client generated from Kavach's
/// document puts each method in the same class as one generated from MOSIP's.
/// </summary>
internal static class ApiTags
{
    /// <summary>Key generation, certificates, CSRs, revocation.</summary>
    public const string KeyManager = "keymanager";

    /// <summary>Envelope, JWE and PIN encryption and decryption; Argon2 hashes.</summary>
    public const string CryptoManager = "cryptomanager";

    /// <summary>JWT/JWS and raw signatures and their verification.</summary>
    public const string Signature = "signaturecontroller";

    /// <summary>Partner CA and partner certificates, trust paths, CRLs.</summary>
    public const string PartnerCertificates = "partnercertmanager";

    /// <summary>Partner onboarding for the partner channel: TLS client certificates, renewal, revocation.</summary>
    public const string PartnerChannel = "partnerchannel";

    /// <summary>Zero-knowledge encryption of identity data.</summary>
    public const string ZeroKnowledge = "zkcryptomanager";

    /// <summary>Token ids for partners.</summary>
    public const string TokenId = "tokenidgenerator";

    /// <summary>Client (TPM, Android, local key) crypto for registration clients.</summary>
    public const string ClientCrypto = "clientcrypto";

    /// <summary>Moving keys from a MOSIP key manager.</summary>
    public const string KeyMigrator = "keymigrator";

    /// <summary>The operator console's read API: session, key inventory and usage, access map, audit, trust store (Kavach's own).</summary>
    public const string Console = "console";

    /// <summary>Liveness and readiness (Kavach's own; no authentication).</summary>
    public const string Health = "health";

    /// <summary>Each tag with the description the document gives it, in the order a UI lists them.</summary>
    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (KeyManager, "Key generation, certificates, CSRs and revocation"),
        (CryptoManager, "Encryption and decryption (MOSIP envelope, JWE, PIN) and Argon2 hashes"),
        (Signature, "JWT/JWS and raw signatures and their verification"),
        (PartnerCertificates, "Partner CA and partner certificates, trust paths and CRLs"),
        (PartnerChannel, "Partner onboarding for the partner channel (seed 000): TLS client certificates from the partner TLS CA, renewal, revocation"),
        (ZeroKnowledge, "Zero-knowledge encryption and decryption of identity data"),
        (TokenId, "Token ids for partners"),
        (ClientCrypto, "Offline encryption, decryption and signatures for registration clients (TPM, Android, local keys)"),
        (KeyMigrator, "Moving keys from a running MOSIP key manager"),
        (Console, "Read API of the operator console: who am I, key inventory and usage, who may use which keys, audit trail, trust store"),
        (Health, "Liveness and readiness probes (no authentication)"),
    ];
}
