namespace Kavach.Vaults;

/// <summary>A key pair: its shrouded private key, its certificate and the private key, decrypted on first use.</summary>
internal sealed class KeyPairEntry : VaultEntry
{
    public KeyPairEntry(string alias, byte[] localKeyId, byte[] encryptedKey, byte[] certificate, DeferredKey key)
        : base(alias, localKeyId, encryptedKey)
    {
        Certificate = certificate;
        Key = key;
    }

    /// <summary>The DER certificate.</summary>
    public byte[] Certificate { get; }

    /// <summary>The private key: generated here, or decrypted once on its first use in this process.</summary>
    public DeferredKey Key { get; }

    /// <summary>True when the certificate lets the key issue (CA, keyCertSign or cRLSign): it signs no data then.</summary>
    public bool CanIssue => _canIssue ??= Keys.Vault.KeyUsageRules.CanIssue(Certificate);

    /// <summary>The certificate, parsed.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate() =>
        System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(Certificate);

    private bool? _canIssue;
}
