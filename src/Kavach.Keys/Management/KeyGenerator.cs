using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.Wrapping;

namespace Kavach.Keys.Management;

/// <summary>
/// Makes new keys. Every generation runs inside the store's (appId, refId) write lock and re-checks for a current
/// key there, so concurrent callers — threads or server replicas — create exactly one key. Issuers are resolved
/// before the lock is taken, so locks never nest. A vault key whose database row cannot be committed is deleted.
/// </summary>
public sealed class KeyGenerator
{
    private static readonly TimeSpan ExpireGrace = TimeSpan.FromMinutes(1);

    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly TimeProvider _time;

    internal KeyGenerator(KeyRing ring, IKeyStore store, IKeyVault vault, TimeProvider time)
    {
        _ring = ring;
        _store = store;
        _vault = vault;
        _time = time;
    }

    /// <summary>Default subject attributes (set by the host from configuration).</summary>
    public SubjectDefaults SubjectDefaults { get; set; } = new();

    /// <summary>
    /// Returns the current key of (appId, refId), generating one when none is current. With <paramref name="force"/>,
    /// every current key is expired (now − 1 min) first and a new one is always made.
    /// </summary>
    public Task<Result<ResolvedKey>> GenerateAsync(string appId, string refId, SubjectRequest subject, bool force, CancellationToken cancellationToken) =>
        GenerateAsync(appId, refId, subject, force, replacing: null, cancellationToken);

    /// <summary>
    /// Replaces the key <paramref name="aliasId"/> of (appId, refId) when it is still current (expiring it now − 1 min),
    /// else returns the current key: two callers that both find the same stale key make one successor.
    /// </summary>
    internal Task<Result<ResolvedKey>> ReplaceAsync(string appId, string refId, string aliasId, CancellationToken cancellationToken) =>
        GenerateAsync(appId, refId, SubjectRequest.Empty, force: false, replacing: aliasId, cancellationToken);

    private async Task<Result<ResolvedKey>> GenerateAsync(
        string appId, string refId, SubjectRequest subject, bool force, string? replacing, CancellationToken cancellationToken)
    {
        var keyClass = KeyClassifier.Classify(appId, refId);
        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        var policy = policies.GetValueOrDefault(appId);
        if (!KeyRing.IsActive(policy))
        {
            return ErrorCodes.ApplicationIdNotValid;
        }

        ResolvedKey? issuer = null;
        if (keyClass != KeyClass.Root)
        {
            var resolved = await _ring.GetIssuerAsync(keyClass, appId, cancellationToken);
            if (!resolved.IsSuccess)
            {
                return resolved.Error;
            }

            issuer = resolved.Value;
        }

        await using var scope = await _store.BeginWriteAsync(appId, refId, cancellationToken);
        var aliases = await scope.GetAliasesAsync(cancellationToken);
        var now = _time.GetUtcNow().UtcDateTime;
        var current = KeyValidity.Current(aliases, now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
        if (force)
        {
            foreach (var alias in current)
            {
                await scope.SetExpiryAsync(alias.Id, now - ExpireGrace, cancellationToken);
            }

            current = [];
        }
        else if (replacing is not null && current.Any(alias => alias.Id == replacing))
        {
            await scope.SetExpiryAsync(replacing, now - ExpireGrace, cancellationToken);
            current = [.. current.Where(alias => alias.Id != replacing)];
        }

        if (current.Count > 1)
        {
            return ErrorCodes.NoUniqueAlias;
        }

        if (current.Count == 1)
        {
            // Another caller made it while we waited for the lock.
            await scope.CommitAsync(cancellationToken);
            return await _ring.LoadAsync(current[0], keyClass, cancellationToken);
        }

        var subjectName = await ChooseSubjectAsync(appId, refId, keyClass, subject, aliases, issuer, cancellationToken);
        var notBefore = CertificateFactory.TruncateToSeconds(now);
        var notAfter = notBefore.AddDays(policy!.ValidityDays);
        var aliasId = Guid.NewGuid().ToString();

        GeneratedKey created;
        try
        {
            created = KeyClassifier.IsVaultHeld(keyClass)
                ? await CreateInVaultAsync(aliasId, keyClass, refId, subjectName, issuer, notBefore, notAfter, cancellationToken)
                : CreateInSoftware(aliasId, keyClass, subjectName, issuer!, notBefore, notAfter);
        }
        catch (NotSupportedException)
        {
            // A token without the curve (secp256k1 on many HSMs).
            return ErrorCodes.UnsupportedCurve.WithDetail(refId);
        }

        try
        {
            var certificate = created.Certificate;
            var uniqueValue = UniqueIdentifiers.GeneratedValue(appId, refId, notBefore);
            var uniqueIdentifier = UniqueIdentifiers.Compute(uniqueValue);
            if (await scope.UniqueIdentifierExistsAsync(uniqueIdentifier, cancellationToken))
            {
                // MOSIP derives uni_ident from the date alone and fails on a second key the same day; we keep the
                // MOSIP value for the first key of a day and make later ones unique with the alias.
                uniqueIdentifier = UniqueIdentifiers.Compute($"{uniqueValue}_{aliasId}");
            }

            var row = new KeyAlias(
                aliasId,
                appId,
                refId,
                certificate.NotBefore.ToUniversalTime(),
                certificate.NotAfter.ToUniversalTime(),
                certificate.GetCertHashString(HashAlgorithmName.SHA256),
                uniqueIdentifier);
            await scope.InsertAliasAsync(row, cancellationToken);
            if (created.WrappedPrivateKey is { } wrapped)
            {
                await scope.InsertStoredKeyAsync(new StoredKey(aliasId, issuer!.Alias.Id, wrapped, Pem.Certificate(certificate)), cancellationToken);
            }

            await scope.CommitAsync(cancellationToken);
            AuditScope.KeyGenerated(aliasId, appId, refId, rotation: aliases.Count > 0);
            return new ResolvedKey(row, certificate, keyClass);
        }
        catch when (KeyClassifier.IsVaultHeld(keyClass))
        {
            // No orphaned private keys: the vault key exists only if its row does.
            await _vault.DeleteAsync(aliasId, CancellationToken.None);
            throw;
        }
    }

    private async Task<GeneratedKey> CreateInVaultAsync(
        string aliasId, KeyClass keyClass, string refId, X500DistinguishedName subject, ResolvedKey? issuer,
        DateTime notBefore, DateTime notAfter, CancellationToken cancellationToken)
    {
        var type = refId switch
        {
            KeyIds.EcSecp256r1Sign => VaultKeyType.EcP256,
            KeyIds.EcSecp256k1Sign => VaultKeyType.EcSecp256k1,
            _ => VaultKeyType.Rsa2048,
        };
        // Only ROOT and module keys issue; KERNEL/SIGN, APP/SIGN and the EC keys sign data and nothing else.
        var profile = keyClass switch
        {
            KeyClass.Root => CertificateProfile.Root,
            KeyClass.Master => CertificateProfile.Master,
            _ => CertificateProfile.Signing,
        };
        var certificate = await _vault.CreateKeyPairAsync(
            aliasId,
            type,
            (publicKey, selfSigner) =>
            {
                var layout = CertificateFactory.Prepare(profile, subject, publicKey, issuer?.Certificate, notBefore, notAfter);
                return issuer is null ? layout.Create(selfSigner) : _vault.IssueCertificate(issuer.Alias.Id, layout);
            },
            cancellationToken);
        return new GeneratedKey(certificate, null);
    }

    private GeneratedKey CreateInSoftware(string aliasId, KeyClass keyClass, X500DistinguishedName subject, ResolvedKey master, DateTime notBefore, DateTime notAfter)
    {
        _ = aliasId;
        using var masterPublic = master.Certificate.GetRSAPublicKey()
            ?? throw new InvalidOperationException("Master keys are RSA keys.");
        byte[] pkcs8;
        X509Certificate2 certificate;
        if (keyClass == KeyClass.Ed25519Sign)
        {
            using var key = Ed25519PrivateKey.Generate();
            pkcs8 = key.ExportPkcs8();
            certificate = _vault.IssueCertificate(
                master.Alias.Id, CertificateFactory.Prepare(CertificateProfile.Signing, subject, Ed25519SignatureGenerator.PublicKeyOf(key), master.Certificate, notBefore, notAfter));
        }
        else
        {
            using var rsa = RSA.Create(2048);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
            certificate = _vault.IssueCertificate(
                master.Alias.Id, CertificateFactory.Prepare(CertificateProfile.Encryption, subject, new PublicKey(rsa), master.Certificate, notBefore, notAfter));
        }

        try
        {
            return new GeneratedKey(certificate, BaseKeyWrapper.Wrap(pkcs8, masterPublic));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private async Task<X500DistinguishedName> ChooseSubjectAsync(
        string appId, string refId, KeyClass keyClass, SubjectRequest subject, IReadOnlyList<KeyAlias> aliases, ResolvedKey? issuer, CancellationToken cancellationToken)
    {
        if (keyClass is KeyClass.Base or KeyClass.Ed25519Sign)
        {
            return SubjectNames.ForBaseKey(issuer!.Certificate.SubjectName, appId, refId);
        }

        // A rotated key keeps the subject of the latest key (MOSIP copies the oldest), unless the caller asks for one.
        if (subject == SubjectRequest.Empty && aliases.Count > 0)
        {
            var latest = await _ring.LoadAsync(aliases[^1], keyClass, cancellationToken);
            if (latest.IsSuccess)
            {
                return latest.Value.Certificate.SubjectName;
            }
        }

        return SubjectNames.ForVaultKey(appId, refId, subject, SubjectDefaults);
    }

    private sealed record GeneratedKey(X509Certificate2 Certificate, string? WrappedPrivateKey);
}
