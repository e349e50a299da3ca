using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Transparency;

/// <summary>
/// A data-signing key of the device server in the vault (an HSM on PKCS#11): RSA, its certificate issued by ROOT as an
/// end entity (CA:FALSE, digitalSignature only), so it signs data and can never issue. Recorded in <c>key_alias</c>
/// under its own application id, which has no key policy, so no key-manager API caller reaches it. Made on first use
/// under the store's per-pair lock (racing replicas make one) and replaced when fewer than
/// <see cref="RenewBefore"/> of validity remain; earlier certificates stay listed while valid, for verifiers.
/// The transparency log (tree heads) and the outbound hooks (request signatures) each have one of their own.
/// </summary>
public sealed class VaultSigningKey
{
    /// <summary>A new key is made when the current one has less than this left.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(30);

    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private readonly string _applicationId;
    private readonly string _commonName;
    private readonly int _validityDays;
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly SubjectDefaults _subject;
    private readonly TimeProvider _time;
    private volatile Current? _current;

    /// <summary>Creates the key holder; nothing is touched until first use.</summary>
    /// <param name="applicationId">The <c>key_alias</c> application id (no key policy on purpose).</param>
    /// <param name="commonName">The certificate's CN.</param>
    /// <param name="validityDays">The certificate's lifetime (clipped to ROOT's).</param>
    /// <param name="ring">Resolves ROOT.</param>
    /// <param name="store">The key store.</param>
    /// <param name="vault">The vault.</param>
    /// <param name="subject">O and C of the subject.</param>
    /// <param name="time">The clock.</param>
    public VaultSigningKey(string applicationId, string commonName, int validityDays, KeyRing ring, IKeyStore store, IKeyVault vault, SubjectDefaults subject, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        ArgumentOutOfRangeException.ThrowIfLessThan(validityDays, 60);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(time);
        _applicationId = applicationId;
        _commonName = commonName;
        _validityDays = validityDays;
        _ring = ring;
        _store = store;
        _vault = vault;
        _subject = subject;
        _time = time;
    }

    /// <summary>The application id of this key's <c>key_alias</c> rows.</summary>
    public string ApplicationId => _applicationId;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>The certificate of the key that signs now.</summary>
    /// <exception cref="InvalidOperationException">ROOT is not available to certify a new key.</exception>
    public async Task<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken) =>
        (await EnsureAsync(cancellationToken)).Certificate;

    /// <summary>Every certificate of this key still valid now, newest first: what a verifier may pin.</summary>
    public async Task<IReadOnlyList<X509Certificate2>> GetCertificatesAsync(CancellationToken cancellationToken)
    {
        var current = await EnsureAsync(cancellationToken);
        var all = new List<X509Certificate2> { current.Certificate };
        foreach (var alias in (await _store.GetAliasesAsync(_applicationId, string.Empty, cancellationToken)).OrderByDescending(a => a.GeneratedAt))
        {
            if (alias.Id != current.Alias.Id && await LoadAsync(alias, cancellationToken) is { } certificate && certificate.NotAfter.ToUniversalTime() > Now)
            {
                all.Add(certificate);
            }
        }

        return all;
    }

    /// <summary>Signs <paramref name="data"/> with RSASSA-PKCS1-v1_5 SHA-256; returns the signature and the certificate of the key that made it.</summary>
    public async Task<(byte[] Signature, X509Certificate2 Certificate)> SignAsync(byte[] data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var current = await EnsureAsync(cancellationToken);
        var signature = _vault.SignData(current.Alias.Id, data, VaultSignatureAlgorithm.RsaPkcs1Sha256);
        AuditScope.KeyUsed(current.Alias.Id);
        return (signature, current.Certificate);
    }

    private async Task<Current> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && IsCurrent(cached.Certificate))
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
            throw new InvalidOperationException($"ROOT is not available to certify the {_applicationId} key ({root.Error.Code}).");
        }

        await using (var scope = await _store.BeginWriteAsync(_applicationId, string.Empty, cancellationToken))
        {
            // Read under the lock, past any cache: another replica may have made it while this one waited.
            var aliases = await scope.GetAliasesAsync(cancellationToken);
            if (await FindAsync(aliases, cancellationToken) is { } madeByOther)
            {
                return _current = madeByOther;
            }

            return _current = await CreateAsync(scope, root.Value, rotation: aliases.Count > 0, cancellationToken);
        }
    }

    private async Task<Current> CreateAsync(IKeyStoreWriteScope scope, ResolvedKey root, bool rotation, CancellationToken cancellationToken)
    {
        var aliasId = Guid.NewGuid().ToString();
        var notBefore = CertificateFactory.TruncateToSeconds(Now - Backdate);
        var notAfter = notBefore.AddDays(_validityDays);
        var certificate = await _vault.CreateKeyPairAsync(
            aliasId,
            VaultKeyType.Rsa2048,
            (publicKey, _) => _vault.IssueCertificate(root.Alias.Id, Layout(publicKey, root.Certificate, notBefore, notAfter)),
            cancellationToken);
        var alias = new KeyAlias(
            aliasId,
            _applicationId,
            string.Empty,
            certificate.NotBefore.ToUniversalTime(),
            certificate.NotAfter.ToUniversalTime(),
            certificate.GetCertHashString(HashAlgorithmName.SHA256),
            UniqueIdentifiers.Compute($"{UniqueIdentifiers.GeneratedValue(_applicationId, string.Empty, notBefore)}_{aliasId}"));
        try
        {
            await scope.InsertAliasAsync(alias, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }
        catch
        {
            // No orphaned private keys: the vault key exists only if its row does.
            await _vault.DeleteAsync(aliasId, CancellationToken.None);
            throw;
        }

        AuditScope.KeyGenerated(aliasId, _applicationId, string.Empty, rotation);
        return new Current(alias, certificate);
    }

    private CertificateToIssue Layout(PublicKey key, X509Certificate2 root, DateTime notBefore, DateTime notAfter)
    {
        var names = new X500DistinguishedNameBuilder();
        names.AddCommonName(_commonName);
        names.AddOrganizationName(_subject.Organization);
        names.AddCountryOrRegion(_subject.Country);
        var request = new CertificateRequest(names.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (start, end) = CertificateFactory.ClipValidity(notBefore, notAfter, root);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return new CertificateToIssue(request, root.SubjectName, start, end, serial);
    }

    private async Task<Current?> FindAsync(CancellationToken cancellationToken) =>
        await FindAsync(await _store.GetAliasesAsync(_applicationId, string.Empty, cancellationToken), cancellationToken);

    private async Task<Current?> FindAsync(IReadOnlyList<KeyAlias> aliases, CancellationToken cancellationToken)
    {
        foreach (var alias in aliases.Where(a => a.CertThumbprint is not null).OrderByDescending(a => a.GeneratedAt))
        {
            if (await LoadAsync(alias, cancellationToken) is { } certificate && IsCurrent(certificate))
            {
                return new Current(alias, certificate);
            }
        }

        return null;
    }

    private bool IsCurrent(X509Certificate2 certificate) =>
        certificate.NotBefore.ToUniversalTime() <= Now && Now + RenewBefore < certificate.NotAfter.ToUniversalTime();

    private async Task<X509Certificate2?> LoadAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        var certificate = await _vault.GetCertificateAsync(alias.Id, cancellationToken);
        return certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), alias.CertThumbprint, StringComparison.OrdinalIgnoreCase)
            ? certificate
            : null;
    }

    private sealed record Current(KeyAlias Alias, X509Certificate2 Certificate);
}
