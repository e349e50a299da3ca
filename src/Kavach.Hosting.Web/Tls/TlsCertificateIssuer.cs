using Kavach.Hosting.Composition;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;
using Kavach.Hosting.Configuration;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// The server's own TLS certificate from our hierarchy: a key (P-256 or RSA-2048) made in software, its certificate
/// signed by the KERNEL master key in the vault (chain: TLS leaf → KERNEL → ROOT), the key wrapped by that master in
/// MOSIP's <c>key_store</c> format under (<see cref="TlsOptions.KeyApplicationId"/>, <see cref="TlsOptions.KeyReferenceId"/>).
/// Every replica sharing the database serves the same certificate; issuing runs under the store's per-pair lock, so
/// racing replicas make one key.
/// </summary>
public sealed class TlsCertificateIssuer
{
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ExpireGrace = TimeSpan.FromMinutes(1);

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly SubjectDefaults _subject;
    private readonly TlsOptions _options;
    private readonly IReadOnlySet<string> _names;

    /// <summary>Creates the issuer.</summary>
    public TlsCertificateIssuer(KeyRing ring, IKeyStore store, IKeyVault vault, SubjectDefaults subject, TlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = ring;
        _store = store;
        _vault = vault;
        _subject = subject;
        _options = options;
        _names = TlsCertificateProfile.Normalise(options.SubjectAlternativeNames);
        if (_names.Count == 0)
        {
            throw new KavachConfigurationException("Kavach:Tls:SubjectAlternativeNames", "empty");
        }
    }

    /// <summary>True when <paramref name="certificate"/> should be replaced: renewal time reached, or other names configured.</summary>
    public bool NeedsRenewal(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return _ring.Now >= RenewAt(certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime()) ||
            !TlsCertificateProfile.NamesOf(certificate).SetEquals(_names);
    }

    /// <summary>The current certificate, issuing a new one when none is usable.</summary>
    public async Task<TlsServerCertificate> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await FindUsableAsync(cancellationToken) is { } existing)
        {
            return existing;
        }

        // The issuer is resolved before the pair lock is taken, so locks never nest (it may rotate KERNEL).
        var kernel = await _ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, cancellationToken);
        if (!kernel.IsSuccess)
        {
            throw new InvalidOperationException($"The KERNEL master key is not available to issue the TLS certificate ({kernel.Error.Code}).");
        }

        string aliasId;
        await using (var scope = await _store.BeginWriteAsync(_options.KeyApplicationId, _options.KeyReferenceId, cancellationToken))
        {
            // Another replica may have issued one while this one waited for the lock.
            if (await FindUsableAsync(cancellationToken) is { } madeByOther)
            {
                return madeByOther;
            }

            var aliases = await scope.GetAliasesAsync(cancellationToken);
            var now = _ring.Now;
            aliasId = await IssueAsync(scope, kernel.Value, aliases, now, cancellationToken);
            await scope.CommitAsync(cancellationToken);
        }

        var issued = await FindUsableAsync(cancellationToken);
        return issued is not null && issued.AliasId == aliasId
            ? issued with { Issued = true }
            : throw new InvalidOperationException("The TLS certificate was issued but does not load.");
    }

    private async Task<TlsServerCertificate?> FindUsableAsync(CancellationToken cancellationToken)
    {
        var now = _ring.Now;
        var aliases = await _store.GetAliasesAsync(_options.KeyApplicationId, _options.KeyReferenceId, cancellationToken);
        foreach (var alias in aliases.Where(a => IsUsable(a, now)).OrderByDescending(a => a.GeneratedAt))
        {
            var (certificate, _) = await TlsKeyLoader.LoadAsync(_store, _vault, alias, now, cancellationToken);
            if (certificate is not null && !NeedsRenewal(certificate.Leaf))
            {
                return certificate;
            }
        }

        return null;
    }

    private bool IsUsable(KeyAlias alias, DateTime now) =>
        alias.CertThumbprint is not null && alias.GeneratedAt <= now && now < RenewAt(alias.GeneratedAt, alias.ExpiresAt);

    private DateTime RenewAt(DateTime notBefore, DateTime notAfter)
    {
        // Never less than a third of the lifetime, so a short (clipped) certificate is not reissued on every check.
        var before = TimeSpan.FromDays(Math.Max(0, _options.RenewBeforeDays));
        var third = (notAfter - notBefore) / 3;
        return notAfter - (before < third ? before : third);
    }

    private async Task<string> IssueAsync(IKeyStoreWriteScope scope, ResolvedKey kernel, IReadOnlyList<KeyAlias> previous, DateTime now, CancellationToken cancellationToken)
    {
        var aliasId = Guid.NewGuid().ToString();
        var notBefore = CertificateFactory.TruncateToSeconds(now - Backdate);
        var (start, end) = CertificateFactory.ClipValidity(notBefore, notBefore.AddDays(Math.Max(1, _options.ValidityDays)), kernel.Certificate);
        var subject = TlsCertificateProfile.Subject([.. _options.SubjectAlternativeNames], _subject);
        using var masterPublic = kernel.Certificate.GetRSAPublicKey() ?? throw new InvalidOperationException("Master keys are RSA keys.");

        byte[] pkcs8;
        X509Certificate2 certificate;
        if (string.Equals(_options.KeyAlgorithm, "Rsa2048", StringComparison.OrdinalIgnoreCase))
        {
            using var rsa = RSA.Create(2048);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
            certificate = Create(new PublicKey(rsa));
        }
        else
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pkcs8 = ec.ExportPkcs8PrivateKey();
            certificate = Create(new PublicKey(ec));
        }

        string wrapped;
        try
        {
            wrapped = BaseKeyWrapper.Wrap(pkcs8, masterPublic);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        // Earlier TLS keys stop being current (as a forced rotation does); they stay listed.
        foreach (var old in previous.Where(a => a.ExpiresAt > now))
        {
            await scope.SetExpiryAsync(old.Id, now - ExpireGrace, cancellationToken);
        }

        var row = new KeyAlias(
            aliasId,
            _options.KeyApplicationId,
            _options.KeyReferenceId,
            certificate.NotBefore.ToUniversalTime(),
            certificate.NotAfter.ToUniversalTime(),
            Thumbprints.Sha256UpperHex(certificate.RawData),
            UniqueIdentifiers.Compute($"{_options.KeyApplicationId}_{_options.KeyReferenceId}_{aliasId}"));
        await scope.InsertAliasAsync(row, cancellationToken);
        await scope.InsertStoredKeyAsync(new StoredKey(aliasId, kernel.Alias.Id, wrapped, Pem.Certificate(certificate)), cancellationToken);
        return aliasId;

        X509Certificate2 Create(PublicKey publicKey) =>
            _vault.IssueCertificate(
                kernel.Alias.Id,
                new CertificateToIssue(
                    TlsCertificateProfile.Request(subject, publicKey, [.. _names], kernel.Certificate),
                    kernel.Certificate.SubjectName,
                    start,
                    end,
                    CertificateFactory.NewSerialNumber()));
    }
}
