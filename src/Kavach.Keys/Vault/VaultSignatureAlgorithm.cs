namespace Kavach.Keys.Vault;

/// <summary>Signature schemes a vault key can produce; all hash with SHA-256.</summary>
public enum VaultSignatureAlgorithm
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (RS256, SHA256withRSA).</summary>
    RsaPkcs1Sha256,

    /// <summary>RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt (PS256).</summary>
    RsaPssSha256,

    /// <summary>ECDSA with SHA-256; the signature is IEEE P1363 (r‖s).</summary>
    EcdsaSha256,
}
