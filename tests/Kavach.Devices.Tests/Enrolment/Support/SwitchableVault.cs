using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>A vault that passes everything to another one, except that certificate issuing fails while <see cref="IssuingDown"/> is set (an HSM gone away).</summary>
public sealed class SwitchableVault(IKeyVault inner) : IKeyVault
{
    public bool IssuingDown { get; set; }

    public string Kind => inner.Kind;

    public Task<VaultStatus> GetStatusAsync(CancellationToken cancellationToken) => inner.GetStatusAsync(cancellationToken);

    public Task<X509Certificate2> CreateKeyPairAsync(string alias, VaultKeyType type, CertificateIssuer issue, CancellationToken cancellationToken) =>
        inner.CreateKeyPairAsync(alias, type, issue, cancellationToken);

    public Task ReplaceCertificateAsync(string alias, X509Certificate2 certificate, CancellationToken cancellationToken) =>
        inner.ReplaceCertificateAsync(alias, certificate, cancellationToken);

    public Task<X509Certificate2?> GetCertificateAsync(string alias, CancellationToken cancellationToken) => inner.GetCertificateAsync(alias, cancellationToken);

    public Task CreateSecretKeyAsync(string alias, CancellationToken cancellationToken) => inner.CreateSecretKeyAsync(alias, cancellationToken);

    public Task<bool> ContainsAsync(string alias, CancellationToken cancellationToken) => inner.ContainsAsync(alias, cancellationToken);

    public Task DeleteAsync(string alias, CancellationToken cancellationToken) => inner.DeleteAsync(alias, cancellationToken);

    public byte[] SignData(string alias, ReadOnlySpan<byte> data, VaultSignatureAlgorithm algorithm) => inner.SignData(alias, data, algorithm);

    public X509Certificate2 IssueCertificate(string issuerAlias, CertificateToIssue certificate) =>
        IssuingDown ? throw new KeyVaultUnavailableException("The token is not present.") : inner.IssueCertificate(issuerAlias, certificate);

    public byte[] IssueCrl(string issuerAlias, CrlToIssue crl) => inner.IssueCrl(issuerAlias, crl);

    public byte[] CreateSigningRequest(string alias, CertificateRequest request) => inner.CreateSigningRequest(alias, request);

    public byte[] EncryptAesEcb(string alias, ReadOnlySpan<byte> data) => inner.EncryptAesEcb(alias, data);

    public byte[] DecryptAesEcb(string alias, ReadOnlySpan<byte> data) => inner.DecryptAesEcb(alias, data);

    public byte[] DecryptOaepSha256(string alias, ReadOnlySpan<byte> ciphertext) => inner.DecryptOaepSha256(alias, ciphertext);

    public void Dispose() => inner.Dispose();
}
