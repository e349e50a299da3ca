using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Trust.Channel;

/// <summary>
/// The partner TLS CA: an RSA-2048 key in the vault (an HSM on PKCS#11), its certificate issued by ROOT (CA, path
/// length 0, keyCertSign and cRLSign only), recorded in <c>key_alias</c> like a module key under
/// <see cref="ApplicationId"/>. It issues the short-lived TLS client certificates partners present, through
/// <see cref="IKeyVault.IssueCertificate"/> only: the vault refuses it data signing, and its application has no key
/// policy, so no API caller can reach it. Made on first use under the store's per-pair lock, so racing replicas make one.
/// </summary>
public sealed class PartnerTlsAuthority
{
    /// <summary>The application id of the CA's <c>key_alias</c> rows (reference id <c>""</c>); it has no key policy on purpose.</summary>
    public const string ApplicationId = "KAVACH_PARTNER_TLS";

    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly SubjectDefaults _subject;
    private readonly PartnerChannelOptions _options;
    private readonly TimeProvider _time;
    private volatile CurrentCa? _current;

    /// <summary>Creates the authority; nothing is touched until first use.</summary>
    public PartnerTlsAuthority(KeyRing ring, IKeyStore store, IKeyVault vault, SubjectDefaults subject, PartnerChannelOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _ring = ring;
        _store = store;
        _vault = vault;
        _subject = subject;
        _options = options;
        _time = time;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private TimeSpan ClientLifetime => TimeSpan.FromDays(Math.Max(1, _options.TlsCertificateDays));

    /// <summary>The partner TLS CA's certificate, creating the CA when there is none that can still issue a full-length client certificate.</summary>
    /// <exception cref="InvalidOperationException">ROOT is not available to issue it.</exception>
    public async Task<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken) =>
        (await EnsureAsync(cancellationToken)).Certificate;

    /// <summary>
    /// Every partner TLS CA certificate still valid now (the current one and, after a CA rollover, earlier ones whose
    /// client certificates may still be in use): what a TLS server trusts for partner client certificates.
    /// </summary>
    public async Task<IReadOnlyList<X509Certificate2>> GetTrustedCertificatesAsync(CancellationToken cancellationToken)
    {
        var current = await EnsureAsync(cancellationToken);
        var now = Now;
        var trusted = new List<X509Certificate2> { current.Certificate };
        foreach (var alias in await _store.GetAliasesAsync(ApplicationId, string.Empty, cancellationToken))
        {
            if (alias.Id == current.Alias.Id || alias.CertThumbprint is null)
            {
                continue;
            }

            if (await LoadAsync(alias, cancellationToken) is { } certificate && certificate.NotAfter.ToUniversalTime() > now)
            {
                trusted.Add(certificate);
            }
        }

        return trusted;
    }

    /// <summary>The chain a partner pins for our side: the partner TLS CA, then ROOT.</summary>
    public async Task<IReadOnlyList<X509Certificate2>> GetChainAsync(CancellationToken cancellationToken)
    {
        var ca = await EnsureAsync(cancellationToken);
        return [ca.Certificate, ca.Root];
    }

    /// <summary>
    /// Issues a TLS client certificate for <paramref name="partnerId"/> from its CSR (PEM or base64 DER): the CSR's
    /// self-signature must verify (proof of possession) and its key must be RSA ≥ 2048 bits or ECDSA P-256/P-384,
    /// else <see cref="ChannelErrors.InvalidCsr"/>. CN = partner id, O = organisation, clientAuth, CA:FALSE,
    /// <see cref="PartnerChannelOptions.TlsCertificateDays"/> days clipped to the CA.
    /// </summary>
    public async Task<Result<IssuedTlsCertificate>> IssueClientCertificateAsync(string? csr, string? partnerId, string? organization, CancellationToken cancellationToken)
    {
        if (!ChannelPartnerIds.IsValidId(partnerId) || !ChannelPartnerIds.IsValidOrganization(organization))
        {
            return ChannelErrors.InvalidPartner;
        }

        var key = TlsSigningRequest.Read(csr);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        var ca = await EnsureAsync(cancellationToken);
        var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
        var layout = PartnerTlsProfile.Client(partnerId!, organization!.Trim(), key.Value, ca.Certificate, notBefore, notBefore + ClientLifetime + Backdate);
        var certificate = _vault.IssueCertificate(ca.Alias.Id, layout);
        AuditScope.KeyUsed(ca.Alias.Id);
        return new IssuedTlsCertificate(certificate, [certificate, ca.Certificate, ca.Root], certificate.SerialNumber.ToUpperInvariant());
    }

    private async Task<CurrentCa> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && CanIssue(cached.Certificate, Now))
        {
            return cached;
        }

        if (await FindAsync(cancellationToken) is { } found)
        {
            return _current = found;
        }

        // ROOT is resolved before the pair lock is taken, so locks never nest.
        var root = await _ring.GetCurrentAsync(KeyIds.Root, string.Empty, cancellationToken);
        if (!root.IsSuccess)
        {
            throw new InvalidOperationException($"ROOT is not available to issue the partner TLS CA ({root.Error.Code}).");
        }

        await using (var scope = await _store.BeginWriteAsync(ApplicationId, string.Empty, cancellationToken))
        {
            // Another replica may have made it while this one waited for the lock.
            if (await FindAsync(cancellationToken) is { } madeByOther)
            {
                return _current = madeByOther;
            }

            var aliases = await scope.GetAliasesAsync(cancellationToken);
            await CreateAsync(scope, root.Value, rotation: aliases.Count > 0, cancellationToken);
        }

        return _current = await FindAsync(cancellationToken)
            ?? throw new InvalidOperationException("The partner TLS CA was made but does not load.");
    }

    private async Task CreateAsync(IKeyStoreWriteScope scope, ResolvedKey root, bool rotation, CancellationToken cancellationToken)
    {
        var aliasId = Guid.NewGuid().ToString();
        var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
        var notAfter = notBefore.AddDays(Math.Max(1, _options.CaValidityDays));
        var subject = PartnerTlsProfile.CaSubject(_subject);
        var certificate = await _vault.CreateKeyPairAsync(
            aliasId,
            VaultKeyType.Rsa2048,
            (publicKey, _) => _vault.IssueCertificate(root.Alias.Id, PartnerTlsProfile.Ca(subject, publicKey, root.Certificate, notBefore, notAfter)),
            cancellationToken);
        try
        {
            var uniqueValue = UniqueIdentifiers.GeneratedValue(ApplicationId, string.Empty, notBefore);
            var uniqueIdentifier = UniqueIdentifiers.Compute($"{uniqueValue}_{aliasId}");
            await scope.InsertAliasAsync(
                new KeyAlias(
                    aliasId,
                    ApplicationId,
                    string.Empty,
                    certificate.NotBefore.ToUniversalTime(),
                    certificate.NotAfter.ToUniversalTime(),
                    certificate.GetCertHashString(HashAlgorithmName.SHA256),
                    uniqueIdentifier),
                cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch
        {
            // No orphaned private keys: the vault key exists only if its row does.
            await _vault.DeleteAsync(aliasId, CancellationToken.None);
            throw;
        }

        AuditScope.KeyGenerated(aliasId, ApplicationId, string.Empty, rotation);
    }

    /// <summary>The newest CA that can still issue a full-length client certificate, with ROOT's certificate.</summary>
    private async Task<CurrentCa?> FindAsync(CancellationToken cancellationToken)
    {
        var now = Now;
        var aliases = await _store.GetAliasesAsync(ApplicationId, string.Empty, cancellationToken);
        foreach (var alias in aliases.Where(a => a.CertThumbprint is not null && a.GeneratedAt <= now && now < a.ExpiresAt).OrderByDescending(a => a.GeneratedAt))
        {
            if (await LoadAsync(alias, cancellationToken) is not { } certificate || !CanIssue(certificate, now))
            {
                continue;
            }

            var root = await RootOfAsync(certificate, cancellationToken);
            if (root is not null)
            {
                return new CurrentCa(alias, certificate, root);
            }
        }

        return null;
    }

    private bool CanIssue(X509Certificate2 certificate, DateTime now) =>
        certificate.NotBefore.ToUniversalTime() <= now && now + ClientLifetime < certificate.NotAfter.ToUniversalTime();

    /// <summary>The vault's certificate of <paramref name="alias"/>, or null when the vault lost it or it is not the one the row names.</summary>
    private async Task<X509Certificate2?> LoadAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        var certificate = await _vault.GetCertificateAsync(alias.Id, cancellationToken);
        return certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), alias.CertThumbprint, StringComparison.OrdinalIgnoreCase)
            ? certificate
            : null;
    }

    /// <summary>The ROOT certificate that issued the CA (after a ROOT rotation, an earlier ROOT).</summary>
    private async Task<X509Certificate2?> RootOfAsync(X509Certificate2 ca, CancellationToken cancellationToken)
    {
        foreach (var alias in (await _store.GetAliasesAsync(KeyIds.Root, string.Empty, cancellationToken)).Reverse())
        {
            var root = await _ring.LoadAsync(alias, KeyClass.Root, cancellationToken);
            if (root.IsSuccess && root.Value.Certificate.SubjectName.RawData.AsSpan().SequenceEqual(ca.IssuerName.RawData) && IsSignedBy(ca, root.Value.Certificate))
            {
                return root.Value.Certificate;
            }
        }

        return null;
    }

    private static bool IsSignedBy(X509Certificate2 certificate, X509Certificate2 issuer)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(issuer);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }

    private sealed record CurrentCa(KeyAlias Alias, X509Certificate2 Certificate, X509Certificate2 Root);
}
