using BitFaster.Caching.Lru;
using Kavach.Crypto.Jose;
using Kavach.Keys.Audit;
using Kavach.Keys.Caching;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Signatures;

/// <summary>
/// MOSIP's <c>getSigningCertificate</c> (spec §3.8): which keys may sign, rotating them when none is current, and
/// signing with them — inside the vault (<see cref="IKeyVault.SignData"/>, data-signing keys only), or with the cached
/// unwrapped Ed25519 key. Issuing keys (ROOT, module keys) are never returned.
/// </summary>
public sealed class SigningKeyProvider
{
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly PrivateKeyCache _keys;

    // Data-signing key alias → the module key alias found to have issued it (a signature check saved per request).
    // One entry per signing key; bounded all the same, as every cache here.
    private readonly ConcurrentLru<string, string> _issuedBy = new(Environment.ProcessorCount, 1024, StringComparer.Ordinal);

    /// <summary>Creates the provider.</summary>
    public SigningKeyProvider(KeyRing ring, IKeyStore store, IKeyVault vault, PrivateKeyCache keys)
    {
        _ring = ring;
        _store = store;
        _vault = vault;
        _keys = keys;
    }

    /// <summary>
    /// The current signing key of (appId, refId). Issuing keys never sign data: (APP, "") — MOSIP's "module key" —
    /// signs with APP's data-signing key (APP, SIGN), made on first use under the app's module key; ROOT signs no
    /// data. Allowed: (APP, ""), (APP, SIGN), KERNEL/SIGN, and the EC/Ed25519 signing keys; other pairs give
    /// KER-KMS-020, never-generated EC keys or a missing module key KER-KMS-012, a certificate not valid now
    /// KER-KMA-005. A data-signing key whose certificate can issue (made by an older version with the CA profile)
    /// is not current for signing: a successor replaces it.
    /// </summary>
    public async Task<Result<SigningKey>> GetAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        var keyClass = KeyClassifier.Classify(appId, refId);
        if (keyClass is KeyClass.Base or KeyClass.Root || string.Equals(appId, KeyIds.Root, StringComparison.OrdinalIgnoreCase))
        {
            return ErrorCodes.NotValidSignatureKey;
        }

        if (keyClass is KeyClass.Master)
        {
            refId = KeyIds.Sign;
            keyClass = KeyClass.DataSign;
        }

        var aliases = await _store.GetAliasesAsync(appId, refId, cancellationToken);
        if (aliases.Count == 0 && keyClass is not KeyClass.DataSign)
        {
            return ErrorCodes.KeyGenerationNotDone;
        }

        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        var current = KeyValidity.Current(aliases, _ring.Now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
        var resolved = current.Count switch
        {
            1 => await _ring.LoadAsync(current[0], keyClass, cancellationToken),
            0 => await _ring.Generator.GenerateAsync(appId, refId, SubjectRequest.Empty, force: false, cancellationToken),
            _ => ErrorCodes.NoUniqueAlias,
        };
        if (current.Count == 1 && (IsUnfitForData(resolved, keyClass) || !await IsIssuedByCurrentModuleKeyAsync(resolved, keyClass, appId, cancellationToken)))
        {
            resolved = await _ring.Generator.ReplaceAsync(appId, refId, current[0].Id, cancellationToken);
        }

        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var certificate = resolved.Value.Certificate;
        if (KeyUsageRules.CanIssue(certificate))
        {
            return ErrorCodes.NotValidSignatureKey;
        }

        var now = _ring.Now;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return ErrorCodes.CertificateProcessing.WithDetail("the signing certificate is not valid now");
        }

        var uni = resolved.Value.Alias.UniqueIdentifier;
        return new SigningKey(resolved.Value, uni is null ? null : UniqueIdentifiers.KeyId(uni));
    }

    /// <summary>
    /// A data-signing key is current only while the module key that issued it is: rotating or revoking the module key
    /// (<c>generateMasterKey</c> with <c>force</c>) replaces the signing key too. Checked once per pair of keys.
    /// </summary>
    private async Task<bool> IsIssuedByCurrentModuleKeyAsync(Result<ResolvedKey> resolved, KeyClass keyClass, string appId, CancellationToken cancellationToken)
    {
        if (keyClass is not KeyClass.DataSign || !resolved.IsSuccess)
        {
            return true;
        }

        var module = await _ring.GetCurrentAsync(appId, string.Empty, cancellationToken);
        if (!module.IsSuccess)
        {
            return true; // generation would fail the same way; the key itself is still sound
        }

        var signer = resolved.Value;
        if (_issuedBy.TryGet(signer.Alias.Id, out var known) && known == module.Value.Alias.Id)
        {
            return true;
        }

        if (!CertificateSignature.IsSignedBy(signer.Certificate, module.Value.Certificate))
        {
            return false;
        }

        _issuedBy.AddOrUpdate(signer.Alias.Id, module.Value.Alias.Id);
        return true;
    }

    /// <summary>
    /// True for a current key that must not sign data: its certificate can issue (KERNEL/SIGN and EC keys of older
    /// versions were CAs), or an (APP, SIGN) row that older versions made as a database base key, absent from the vault.
    /// </summary>
    private static bool IsUnfitForData(Result<ResolvedKey> resolved, KeyClass keyClass) =>
        resolved.IsSuccess
            ? KeyUsageRules.CanIssue(resolved.Value.Certificate) && keyClass is KeyClass.DataSign or KeyClass.EcSign
            : keyClass is KeyClass.DataSign && resolved.Error.Code == ErrorCodes.NoSuchAlias.Code;

    /// <summary>
    /// A signer for <paramref name="key"/> and <paramref name="algorithm"/> producing JWS-form signatures (ECDSA r‖s);
    /// dispose it when done (it may hold a cached Ed25519 key). KER-JWS-104 when the key cannot make the algorithm.
    /// </summary>
    public async Task<Result<PreparedSigner>> PrepareAsync(SigningKey key, JwsAlgorithm algorithm, CancellationToken cancellationToken)
    {
        if (!key.Supports(algorithm))
        {
            return ErrorCodes.SignError;
        }

        // Defence in depth: the vault refuses too (KeyUsageException), but an issuing key never gets this far.
        if (KeyUsageRules.CanIssue(key.Certificate))
        {
            return ErrorCodes.NotValidSignatureKey;
        }

        AuditScope.KeyUsed(key.Key.Alias.Id);

        if (key.Kind != SigningKeyKind.Ed25519)
        {
            var scheme = algorithm switch
            {
                JwsAlgorithm.RS256 => VaultSignatureAlgorithm.RsaPkcs1Sha256,
                JwsAlgorithm.PS256 => VaultSignatureAlgorithm.RsaPssSha256,
                _ => VaultSignatureAlgorithm.EcdsaSha256,
            };
            var alias = key.Key.Alias.Id;
            return new PreparedSigner(input => _vault.SignData(alias, input, scheme), null);
        }

        var lease = await _keys.AcquireAsync(key.Key.Alias, cancellationToken);
        if (!lease.IsSuccess)
        {
            return lease.Error;
        }

        if (lease.Value.Key.Ed25519 is not { } ed)
        {
            lease.Value.Dispose();
            return ErrorCodes.SignError;
        }

        return new PreparedSigner(input => ed.Sign(input), lease.Value);
    }
}
