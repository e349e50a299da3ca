using System.Security.Cryptography;
using BitFaster.Caching.Lru;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Access;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Management;

/// <summary>
/// Finds the current key of an (appId, refId) and its certificate, rotating it when none is current
/// (spec §4.3, §4.4). Generation itself is <see cref="KeyGenerator"/>'s job.
/// </summary>
public sealed class KeyRing
{
    private const int CacheCapacity = 10_000;

    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly KeyPolicyCatalog _policies;
    private readonly TimeProvider _time;

    // Certificates by alias id and imported public keys by thumbprint: one entry per key, but keys are made on demand
    // for new reference ids, so both are bounded LRUs. Neither holds a secret; evicted entries are left to the GC,
    // since a request may still be using them.
    private readonly ConcurrentLru<string, CachedCertificate> _certificates = new(Environment.ProcessorCount, CacheCapacity, StringComparer.Ordinal);
    private readonly ConcurrentLru<string, RecipientKey> _recipients = new(Environment.ProcessorCount, CacheCapacity, StringComparer.Ordinal);

    /// <summary>Creates the key ring; <paramref name="creation"/> gates new base keys (none: only <see cref="Caller.System"/> creates them).</summary>
    public KeyRing(IKeyStore store, IKeyVault vault, KeyPolicyCatalog policies, TimeProvider time, KeyCreationLimiter? creation = null)
    {
        _store = store;
        _vault = vault;
        _policies = policies;
        _time = time;
        Generator = new KeyGenerator(this, store, vault, time);
        Creation = creation ?? new KeyCreationLimiter(store, ApplicationBindings.None, KeyCreationLimits.Default, time);
    }

    /// <summary>The gate in front of implicit base-key creation.</summary>
    public KeyCreationLimiter Creation { get; }

    /// <summary>The generator that makes new keys for this ring.</summary>
    public KeyGenerator Generator { get; }

    internal IKeyVault Vault => _vault;

    internal KeyPolicyCatalog Policies => _policies;

    /// <summary>The current UTC time.</summary>
    public DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The current key, rotated if keys exist but none is current; a base key never made before is not created
    /// (KER-KMS-012). For the key-manager's own issuers and for paths that must not create keys (jwtVerify).
    /// </summary>
    public Task<Result<ResolvedKey>> GetCurrentAsync(string appId, string refId, CancellationToken cancellationToken) =>
        GetCurrentAsync(appId, refId, creator: null, cancellationToken);

    /// <summary>
    /// getCertificate semantics: the current key, rotated if keys exist but none is current. Vault keys that were never
    /// generated give KER-KMS-012; database keys are generated on first use unless refused (KER-KMS-016), and only for
    /// a <paramref name="creator"/> the <see cref="Creation"/> gate lets through (KER-KMS-051/052/053; null: KER-KMS-012).
    /// </summary>
    public async Task<Result<ResolvedKey>> GetCurrentAsync(string appId, string refId, Caller? creator, CancellationToken cancellationToken)
    {
        var keyClass = KeyClassifier.Classify(appId, refId);
        var policies = await _policies.GetAllAsync(cancellationToken);
        if (KeyClassifier.IsVaultHeld(keyClass) && !IsActive(policies.GetValueOrDefault(appId)))
        {
            return ErrorCodes.ApplicationIdNotValid;
        }

        var aliases = await _store.GetAliasesAsync(appId, refId, cancellationToken);
        var current = KeyValidity.Current(aliases, Now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
        if (current.Count > 1)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        if (current.Count == 1)
        {
            return await LoadAsync(current[0], keyClass, cancellationToken);
        }

        if (KeyClassifier.IsVaultHeld(keyClass))
        {
            return aliases.Count == 0
                ? ErrorCodes.KeyGenerationNotDone
                : await Generator.GenerateAsync(appId, refId, SubjectRequest.Empty, force: false, cancellationToken);
        }

        var refusal = await GenerationRefusalAsync(appId, refId, aliases, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (aliases.Count > 0)
        {
            // A rotation: one new key per reference id and validity period, whoever asks.
            return await Generator.GenerateAsync(appId, refId, SubjectRequest.Empty, force: false, cancellationToken);
        }

        // A new reference id. The policy is checked before the gate, so unknown application ids cost no limiter state.
        if (creator is null)
        {
            return ErrorCodes.KeyGenerationNotDone;
        }

        if (!IsActive(policies.GetValueOrDefault(appId)))
        {
            return ErrorCodes.ApplicationIdNotValid;
        }

        return await Creation.RunAsync(
            creator,
            appId,
            () => ExistingAsync(appId, refId, cancellationToken),
            () => GenerateForAsync(creator, appId, refId, cancellationToken),
            cancellationToken);
    }

    /// <summary>Loads the certificate of <paramref name="alias"/> from the vault or the key store, checking its integrity.</summary>
    public async Task<Result<ResolvedKey>> LoadAsync(KeyAlias alias, KeyClass keyClass, CancellationToken cancellationToken)
    {
        // The cache remembers which thumbprint each certificate has, so a hit costs no hashing.
        if (alias.CertThumbprint is { } thumbprint && _certificates.TryGet(alias.Id, out var cached) &&
            string.Equals(cached.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return new ResolvedKey(alias, cached.Certificate, keyClass);
        }

        X509Certificate2? certificate;
        if (KeyClassifier.IsVaultHeld(keyClass))
        {
            certificate = await _vault.GetCertificateAsync(alias.Id, cancellationToken);
            if (certificate is null)
            {
                return ErrorCodes.NoSuchAlias.WithDetail(alias.Id);
            }
        }
        else
        {
            var stored = await _store.GetStoredKeyAsync(alias.Id, cancellationToken);
            if (stored is null)
            {
                return ErrorCodes.NoUniqueAlias;
            }

            if (!Pem.TryParseCertificate(stored.CertificatePem, out certificate))
            {
                return ErrorCodes.StoredKeyIntegrity;
            }
        }

        // A certificate that is not the one the alias row names has been edited or swapped: refuse it.
        if (alias.CertThumbprint is not null &&
            !string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), alias.CertThumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorCodes.StoredKeyIntegrity;
        }

        _certificates.AddOrUpdate(alias.Id, new CachedCertificate(certificate, certificate.GetCertHashString(HashAlgorithmName.SHA256)));
        return new ResolvedKey(alias, certificate, keyClass);
    }

    /// <summary>
    /// The public key to encrypt to <paramref name="key"/> with, imported once per certificate. Keyed by the thumbprint,
    /// which <see cref="LoadAsync"/> has checked against the certificate: no hashing per request.
    /// </summary>
    public RecipientKey RecipientOf(ResolvedKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _recipients.GetOrAdd(
            key.Alias.CertThumbprint ?? Convert.ToHexString(SHA256.HashData(key.Certificate.RawData)),
            static (hex, certificate) => new RecipientKey(
                certificate.GetRSAPublicKey() ?? throw new CryptographicException("The certificate has no RSA key."),
                Convert.FromHexString(hex)),
            key.Certificate);
    }

    /// <summary>Forgets the cached certificate of an alias (after its certificate was replaced).</summary>
    public void ForgetCertificate(string aliasId) => _certificates.TryRemove(aliasId);

    /// <summary>
    /// The key that issues keys of <paramref name="appId"/>'s class: ROOT for masters and EC keys, the app master for
    /// database keys. Rotates the issuer when it has keys but none is current.
    /// </summary>
    internal async Task<Result<ResolvedKey>> GetIssuerAsync(KeyClass childClass, string appId, CancellationToken cancellationToken)
    {
        var (issuerApp, missing) = childClass switch
        {
            KeyClass.Master or KeyClass.EcSign => (KeyIds.Root, ErrorCodes.RootKeyNotFound),
            _ => (appId, ErrorCodes.KeyGenerationNotDone),
        };

        var aliases = await _store.GetAliasesAsync(issuerApp, string.Empty, cancellationToken);
        if (aliases.Count == 0)
        {
            return missing;
        }

        var issuer = await GetCurrentAsync(issuerApp, string.Empty, cancellationToken);
        return issuer.IsSuccess || issuer.Error != ErrorCodes.KeyGenerationNotDone ? issuer : missing;
    }

    internal static bool IsActive(KeyPolicy? policy) => policy is { IsActive: true };

    // A concurrent request of the same caller may have made the key while this one waited for its turn.
    private async Task<Result<ResolvedKey>?> ExistingAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        if ((await _store.GetAliasesAsync(appId, refId, cancellationToken)).Count == 0)
        {
            return null;
        }

        return await GetCurrentAsync(appId, refId, creator: null, cancellationToken);
    }

    private async Task<Result<ResolvedKey>> GenerateForAsync(Caller creator, string appId, string refId, CancellationToken cancellationToken)
    {
        using (KeyCreator.Enter(creator.IsSystem ? null : creator.CreatorId))
        {
            return await Generator.GenerateAsync(appId, refId, SubjectRequest.Empty, force: false, cancellationToken);
        }
    }

    private async Task<KavachError?> GenerationRefusalAsync(string appId, string refId, IReadOnlyList<KeyAlias> aliases, CancellationToken cancellationToken)
    {
        foreach (var alias in aliases)
        {
            var stored = await _store.GetStoredKeyAsync(alias.Id, cancellationToken);
            if (stored is { IsOtherDomain: true })
            {
                return ErrorCodes.GenerationNotAllowed.Format("other domains, partner Certificate expired");
            }
        }

        return appId switch
        {
            KeyIds.Root => ErrorCodes.GenerationNotAllowed.Format("Root Key"),
            _ when string.Equals(appId, KeyIds.Kernel, StringComparison.OrdinalIgnoreCase) => ErrorCodes.GenerationNotAllowed.Format("Kernel App Id"),
            KeyIds.Partner => ErrorCodes.GenerationNotAllowed.Format("Partner App Id"),
            _ when refId == KeyIds.Ed25519Sign => ErrorCodes.GenerationNotAllowed.Format("Ed25519 Signature Key"),
            _ => null,
        };
    }

    private sealed record CachedCertificate(X509Certificate2 Certificate, string Thumbprint);
}
