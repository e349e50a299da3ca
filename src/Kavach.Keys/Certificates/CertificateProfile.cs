namespace Kavach.Keys.Certificates;

/// <summary>The certificate profiles of the hierarchy (spec §4.1).</summary>
public enum CertificateProfile
{
    /// <summary>Self-signed ROOT: CA with path length 2; digitalSignature, keyCertSign.</summary>
    Root,

    /// <summary>Module key: CA with path length 1; digitalSignature, keyCertSign. It issues and never signs data.</summary>
    Master,

    /// <summary>Base (encryption) key: not a CA; keyEncipherment only.</summary>
    Encryption,

    /// <summary>
    /// Data-signing key (APP/SIGN, KERNEL/SIGN, EC and Ed25519 signing keys): not a CA; digitalSignature only. MOSIP
    /// gives KERNEL/SIGN and EC keys the module-key (CA) profile and Ed25519 the encryption profile.
    /// </summary>
    Signing,
}
