using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>
/// Where ROOT, module (master), data-signing (APP/SIGN, EC) and symmetric keys live. Private keys never leave it:
/// callers get certificates, signatures and unwrapped session keys. Issuing (<see cref="IssueCertificate"/>,
/// certificates our code lays out) and data signing (<see cref="SignData"/>) are different calls, each refused for
/// the other kind of key, so no path routes a caller's bytes to an issuing key. Implementations: a PKCS#12 file
/// (embedded default) and PKCS#11 (an HSM). Aliases equal <c>key_alias.id</c>.
/// </summary>
public interface IKeyVault : IDisposable
{
    /// <summary>A short name of the implementation, e.g. <c>PKCS12</c>.</summary>
    string Kind { get; }

    /// <summary>Whether the vault is usable now.</summary>
    Task<VaultStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Generates a key pair under <paramref name="alias"/>, asks <paramref name="issue"/> for its certificate and
    /// persists key and certificate together. If <paramref name="issue"/> throws, nothing is kept.
    /// </summary>
    Task<X509Certificate2> CreateKeyPairAsync(string alias, VaultKeyType type, CertificateIssuer issue, CancellationToken cancellationToken);

    /// <summary>Replaces the certificate stored with an existing key pair (same public key).</summary>
    Task ReplaceCertificateAsync(string alias, X509Certificate2 certificate, CancellationToken cancellationToken);

    /// <summary>The certificate stored with a key pair, or null when the alias holds no key pair.</summary>
    Task<X509Certificate2?> GetCertificateAsync(string alias, CancellationToken cancellationToken);

    /// <summary>Generates an AES-256 secret key under <paramref name="alias"/>.</summary>
    Task CreateSecretKeyAsync(string alias, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="alias"/> holds a key pair or a secret key.</summary>
    Task<bool> ContainsAsync(string alias, CancellationToken cancellationToken);

    /// <summary>Deletes whatever <paramref name="alias"/> holds; no error when it holds nothing.</summary>
    Task DeleteAsync(string alias, CancellationToken cancellationToken);

    /// <summary>
    /// Signs <paramref name="data"/> (hashing it with SHA-256 first) with the private key of <paramref name="alias"/>.
    /// Refused for issuing keys (see <see cref="KeyUsageRules"/>): a CA key never signs bytes it did not lay out itself.
    /// </summary>
    /// <exception cref="KeyUsageException">The key's certificate is a CA or carries keyCertSign or cRLSign.</exception>
    byte[] SignData(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm);

    /// <summary>
    /// Issues <paramref name="certificate"/> with the issuing key of <paramref name="issuerAlias"/> (SHA256withRSA or
    /// SHA256withECDSA). The key's stored certificate must be a CA with keyCertSign, and its subject must be the
    /// certificate's issuer name.
    /// </summary>
    /// <exception cref="KeyUsageException">The key cannot issue, or the issuer name is not its subject.</exception>
    X509Certificate2 IssueCertificate(string issuerAlias, CertificateToIssue certificate);

    /// <summary>
    /// Signs <paramref name="crl"/> with the issuing key of <paramref name="issuerAlias"/> and returns the DER CRL. The
    /// key's stored certificate must be a CA allowed cRLSign, and its subject must be the CRL's issuer name.
    /// </summary>
    /// <exception cref="KeyUsageException">The key cannot sign CRLs, or the issuer name is not its subject.</exception>
    byte[] IssueCrl(string issuerAlias, CrlToIssue crl);

    /// <summary>A DER PKCS#10 request for the key of <paramref name="alias"/>, self-signed with that key.</summary>
    /// <exception cref="ArgumentException">The request's public key is not the key of <paramref name="alias"/>.</exception>
    byte[] CreateSigningRequest(string alias, CertificateRequest request);

    /// <summary>
    /// AES-ECB without padding with the secret key of <paramref name="alias"/> (MOSIP wraps the zero-knowledge
    /// pool keys this way); <paramref name="data"/> is a whole number of 16-byte blocks.
    /// </summary>
    byte[] EncryptAesEcb(string alias, ReadOnlySpan<byte> data);

    /// <summary>The inverse of <see cref="EncryptAesEcb"/>.</summary>
    byte[] DecryptAesEcb(string alias, ReadOnlySpan<byte> data);

    /// <summary>RSA-OAEP (SHA-256, MGF1-SHA-256, empty label) decryption with the private key of <paramref name="alias"/>.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The ciphertext does not decrypt under this key.</exception>
    byte[] DecryptOaepSha256(string alias, ReadOnlySpan<byte> ciphertext);
}
