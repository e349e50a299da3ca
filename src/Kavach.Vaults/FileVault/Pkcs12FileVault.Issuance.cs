using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Vaults;

/// <summary>Issuing certificates and CSRs with the vault's keys: only what our code lays out, only with an issuing key.</summary>
public sealed partial class Pkcs12FileVault
{
    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="issuerAlias"/>.</exception>
    public X509Certificate2 IssueCertificate(string issuerAlias, CertificateToIssue certificate)
    {
        using var activity = VaultActivities.Start("vault.issue", Kind);
        ArgumentNullException.ThrowIfNull(certificate);
        // The usage rules read the stored certificate only, so a refusal comes before the key's first decryption.
        var key = AcquireKey(issuerAlias, pair =>
        {
            using var issuer = pair.LoadCertificate();
            KeyUsageRules.EnsureIssuer(issuerAlias, issuer, certificate);
        });
        try
        {
            return certificate.Create(VaultKeyMaterial.SelfSigner(key));
        }
        finally
        {
            key.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="issuerAlias"/>.</exception>
    public byte[] IssueCrl(string issuerAlias, CrlToIssue crl)
    {
        using var activity = VaultActivities.Start("vault.crl", Kind);
        ArgumentNullException.ThrowIfNull(crl);
        var key = AcquireKey(issuerAlias, pair =>
        {
            using var issuer = pair.LoadCertificate();
            KeyUsageRules.EnsureCrlIssuer(issuerAlias, issuer, crl);
        });
        try
        {
            return crl.Build(VaultKeyMaterial.SelfSigner(key));
        }
        finally
        {
            key.Release();
        }
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/>.</exception>
    public byte[] CreateSigningRequest(string alias, CertificateRequest request)
    {
        using var activity = VaultActivities.Start("vault.csr", Kind);
        ArgumentNullException.ThrowIfNull(request);
        var key = AcquireKey(alias);
        try
        {
            if (!VaultKeyMaterial.SubjectPublicKeyInfo(request.PublicKey).AsSpan().SequenceEqual(key.SubjectPublicKeyInfo))
            {
                throw new ArgumentException($"The request's public key is not the public key of '{alias}'.", nameof(request));
            }

            return request.CreateSigningRequest(VaultKeyMaterial.SelfSigner(key));
        }
        finally
        {
            key.Release();
        }
    }
}
