using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Pkcs11;
using Kavach.Keys.Vault;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Kavach.Vaults;

/// <content>
/// Key usage: issuing certificates and CSRs with keys in the token, and telling issuing keys (refused by
/// <see cref="SignData"/>) from data-signing keys by the certificate stored with them.
/// </content>
public sealed partial class Pkcs11Vault
{
    // Whether each alias's certificate can issue. A certificate swap never changes it (ReplaceCertificate refuses) and
    // aliases are never reused, so an entry stays true for the key's life, also across replicas.
    private readonly ConcurrentDictionary<string, bool> _issuing = new(StringComparer.Ordinal);

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="issuerAlias"/> on a healthy token.</exception>
    /// <exception cref="KeyVaultUnavailableException">The token or library failed.</exception>
    public X509Certificate2 IssueCertificate(string issuerAlias, CertificateToIssue certificate)
    {
        using var activity = VaultActivities.Start("vault.issue", Kind);
        ArgumentNullException.ThrowIfNull(issuerAlias);
        ArgumentNullException.ThrowIfNull(certificate);
        using var issuer = StoredCertificate(issuerAlias)
            ?? throw new KeyUsageException(issuerAlias, $"The key '{issuerAlias}' has no certificate and cannot issue.");
        KeyUsageRules.EnsureIssuer(issuerAlias, issuer, certificate);
        return certificate.Create(new TokenSignatureGenerator((data, algorithm) => SignAny(issuerAlias, data, algorithm), issuer.PublicKey));
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="issuerAlias"/> on a healthy token.</exception>
    /// <exception cref="KeyVaultUnavailableException">The token or library failed.</exception>
    public byte[] IssueCrl(string issuerAlias, CrlToIssue crl)
    {
        using var activity = VaultActivities.Start("vault.crl", Kind);
        ArgumentNullException.ThrowIfNull(issuerAlias);
        ArgumentNullException.ThrowIfNull(crl);
        using var issuer = StoredCertificate(issuerAlias)
            ?? throw new KeyUsageException(issuerAlias, $"The key '{issuerAlias}' has no certificate and cannot sign revocation lists.");
        KeyUsageRules.EnsureCrlIssuer(issuerAlias, issuer, crl);
        return crl.Build(new TokenSignatureGenerator((data, algorithm) => SignAny(issuerAlias, data, algorithm), issuer.PublicKey));
    }

    /// <inheritdoc />
    /// <exception cref="VaultKeyNotFoundException">No key pair under <paramref name="alias"/> on a healthy token.</exception>
    /// <exception cref="KeyVaultUnavailableException">The token or library failed.</exception>
    public byte[] CreateSigningRequest(string alias, CertificateRequest request)
    {
        using var activity = VaultActivities.Start("vault.csr", Kind);
        ArgumentNullException.ThrowIfNull(alias);
        ArgumentNullException.ThrowIfNull(request);
        using var stored = StoredCertificate(alias)
            ?? throw new ArgumentException($"The key '{alias}' has no certificate to compare the request with.", nameof(alias));
        if (!stored.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(request.PublicKey.ExportSubjectPublicKeyInfo()))
        {
            throw new ArgumentException($"The request's public key is not the public key of '{alias}'.", nameof(request));
        }

        return request.CreateSigningRequest(new TokenSignatureGenerator((data, algorithm) => SignAny(alias, data, algorithm), request.PublicKey));
    }

    /// <summary>True when the key of <paramref name="alias"/> issues; a key pair without a certificate counts as issuing (fail closed).</summary>
    private bool IsIssuingKey(string alias)
    {
        if (_issuing.TryGetValue(alias, out var known))
        {
            return known;
        }

        using var certificate = StoredCertificate(alias);
        if (certificate is null)
        {
            return true;
        }

        var canIssue = KeyUsageRules.CanIssue(certificate);
        _issuing[alias] = canIssue;
        return canIssue;
    }

    /// <summary>The certificate stored with the key pair of <paramref name="alias"/>, or null when it has none.</summary>
    private X509Certificate2? StoredCertificate(string alias)
    {
        using var lease = Lease();
        try
        {
            _ = FindKey(lease, alias, pair: true);
            var handles = TokenObjects.FindCertificates(lease.Session, alias);
            if (handles.Count == 0)
            {
                lease.Connection.CheckHealth();
                return null;
            }

            return TokenObjects.ReadCertificate(lease.Session, handles[0]);
        }
        catch (Pkcs11Exception e)
        {
            throw Fail(lease.Connection, e, "C_FindObjects", alias, lease);
        }
    }
}
