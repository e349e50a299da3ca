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
/// signing with them — inside the vault, or with the cached unwrapped Ed25519 key.
/// </summary>
public sealed class SigningKeyProvider
{
    private readonly KeyRing _ring;
    private readonly IKeyStore _store;
    private readonly IKeyVault _vault;
    private readonly PrivateKeyCache _keys;

    /// <summary>Creates the provider.</summary>
    public SigningKeyProvider(KeyRing ring, IKeyStore store, IKeyVault vault, PrivateKeyCache keys)
    {
        _ring = ring;
        _store = store;
        _vault = vault;
        _keys = keys;
    }

    /// <summary>
    /// The current signing key of (appId, refId): the app master (refId ""), KERNEL/SIGN, or an EC/Ed25519 signing
    /// key. Other pairs give KER-KMS-020; never-generated keys KER-KMS-012; a certificate not valid now KER-KMA-005.
    /// </summary>
    public async Task<Result<SigningKey>> GetAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        var keyClass = KeyClassifier.Classify(appId, refId);
        if (keyClass is KeyClass.Base)
        {
            return ErrorCodes.NotValidSignatureKey;
        }

        var aliases = await _store.GetAliasesAsync(appId, refId, cancellationToken);
        if (aliases.Count == 0)
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
        if (!resolved.IsSuccess)
        {
            return resolved.Error;
        }

        var certificate = resolved.Value.Certificate;
        var now = _ring.Now;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return ErrorCodes.CertificateProcessing.WithDetail("the signing certificate is not valid now");
        }

        var uni = resolved.Value.Alias.UniqueIdentifier;
        return new SigningKey(resolved.Value, uni is null ? null : UniqueIdentifiers.KeyId(uni));
    }

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
            return new PreparedSigner(input => _vault.Sign(alias, input, scheme), null);
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
