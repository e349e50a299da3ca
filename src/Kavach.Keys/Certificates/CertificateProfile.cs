namespace Kavach.Keys.Certificates;

/// <summary>The certificate profiles of the hierarchy (spec §4.1).</summary>
public enum CertificateProfile
{
    /// <summary>Self-signed ROOT: CA with path length 2; digitalSignature, keyCertSign.</summary>
    Root,

    /// <summary>Module key and EC signing key: CA with path length 1; digitalSignature, keyCertSign.</summary>
    Master,

    /// <summary>Base (encryption) key: not a CA; keyEncipherment only.</summary>
    Encryption,

    /// <summary>Software Ed25519 signing key: not a CA; digitalSignature (MOSIP gives it the encryption profile).</summary>
    Signing,
}
