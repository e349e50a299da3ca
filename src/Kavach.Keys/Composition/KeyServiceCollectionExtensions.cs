using Kavach.Keys.Access;
using Kavach.Keys.Audit;
using Kavach.Keys.Caching;
using Kavach.Keys.ClientCrypto;
using Kavach.Keys.DataProtection;
using Kavach.Keys.Management;
using Kavach.Keys.Migration;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Keys.ZeroKnowledge;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kavach.Keys.Composition;

/// <summary>Registers the key manager's services; the store (<see cref="IKeyStore"/>) and vault (<see cref="IKeyVault"/>) come from their own libraries.</summary>
public static class KeyServiceCollectionExtensions
{
    /// <summary>
    /// Every key service as a singleton, built once: the key ring and its policies, the private-key cache, the
    /// crypto, signature and zero-knowledge services, and the revocation listeners that keep the caches true.
    /// </summary>
    public static IServiceCollection AddKavachKeys(this IServiceCollection services, Func<IServiceProvider, KeyServiceSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(sp => sp.GetRequiredService<KeyServiceSettings>().Bindings);

        services.AddSingleton<KeyPolicyCatalog>();
        services.AddSingleton(sp => new KeyCreationLimiter(
            sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<ApplicationBindings>(), sp.GetRequiredService<KeyServiceSettings>().CreationLimits, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var ring = new KeyRing(sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<IKeyVault>(), sp.GetRequiredService<KeyPolicyCatalog>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<KeyCreationLimiter>());
            ring.Generator.SubjectDefaults = sp.GetRequiredService<KeyServiceSettings>().KeyManager.Subject;
            return ring;
        });
        services.AddSingleton<StoredKeyLoader>();
        services.AddSingleton<CsrFactory>();
        services.AddSingleton<VaultHealthGate>();
        services.AddSingleton(sp => new PrivateKeyCache(
            sp.GetRequiredService<StoredKeyLoader>(), sp.GetRequiredService<VaultHealthGate>(), sp.GetRequiredService<KeyServiceSettings>().KeyManager.PrivateKeyCacheSize));
        services.AddSingleton<SessionKeyDecryptor>();

        // Every cache that holds a key or a lookup leading to one drops it at once when the key is revoked.
        services.AddSingleton<IKeyRevocationListener>(sp => sp.GetRequiredService<PrivateKeyCache>());
        services.AddSingleton<IKeyRevocationListener>(sp => sp.GetRequiredService<SessionKeyDecryptor>());
        services.AddSingleton<IKeyRevocationListener, AuditRevocationListener>();
        services.AddSingleton<KeyLifecycleService>();
        services.AddSingleton(sp => new KeyBootstrapper(
            sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<KeyServiceSettings>().KeyManager, sp.GetRequiredService<KeyLifecycleService>()));
        services.AddSingleton<MasterKeyService>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<CertificateUploadService>();
        services.AddSingleton<KeyAccessPolicy>();

        services.AddSingleton<EnvelopeService>();
        services.AddSingleton<JweService>();
        services.AddSingleton(sp => new PinCryptoService(sp.GetRequiredService<KeyServiceSettings>().KeyManager.PinHashIterations));
        services.AddSingleton<Argon2HashService>();

        // One provider of the current signing keys, shared by JWT and raw signatures, client crypto, the trust store,
        // the local token issuer and the audit checkpoints.
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton(sp => new JwtSignatureService(sp.GetRequiredService<SigningKeyProvider>(), sp.GetRequiredService<CertificateService>(), sp.GetRequiredService<KeyAccessPolicy>())
        {
            KeyIdPrefix = sp.GetRequiredService<KeyServiceSettings>().KeyManager.KeyIdPrefix,
        });
        services.AddSingleton<RawSignatureService>();
        services.TryAddSingleton<ICertificateTrustVerifier, NoTrustStore>();
        services.AddSingleton<JwtVerificationService>();
        services.AddSingleton(sp => new ClientCryptoService(
            sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<IKeyVault>(), sp.GetRequiredService<SigningKeyProvider>(), sp.GetRequiredService<KeyServiceSettings>().ClientCryptoApplicationId, sp.GetRequiredService<KeyAccessPolicy>()));

        services.AddSingleton(sp => new ZkKeyPool(
            sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<IZkKeyPoolStore>(), sp.GetRequiredService<IKeyVault>(), sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<KeyServiceSettings>().ZeroKnowledge));
        services.AddSingleton(sp => new ZkCryptoService(
            sp.GetRequiredService<ZkKeyPool>(), sp.GetRequiredService<KeyRing>(), sp.GetRequiredService<IKeyStore>(), sp.GetRequiredService<SessionKeyDecryptor>(), sp.GetRequiredService<KeyServiceSettings>().ZeroKnowledge, sp.GetRequiredService<KeyAccessPolicy>()));

        // MOSIP's key migration endpoints (base keys and the zero-knowledge pool from another key manager).
        services.AddSingleton<BaseKeyMigrator>();
        services.AddSingleton<ZkKeyMigrator>();
        return services;
    }

    /// <summary>
    /// The tamper-evident audit trail on the store and vault (records sealed in a chain, checkpoints signed with
    /// KERNEL/SIGN, anchors in <see cref="IAuditAnchorStore"/> when one is registered).
    /// </summary>
    public static IServiceCollection AddKavachAudit(this IServiceCollection services, Func<IServiceProvider, AuditTrailSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(sp => new AuditTrail(
            sp.GetRequiredService<IAuditStore>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<IKeyVault>(),
            sp.GetRequiredService<SigningKeyProvider>(),
            sp.GetRequiredService<KeyLifecycleService>(),
            sp.GetRequiredService<TimeProvider>(),
            settings(sp),
            sp.GetService<IAuditAnchorStore>()));
        return services;
    }
}
