using Kavach.Keys.Access;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust;

/// <summary>Registers the partner trust store over the registered <see cref="ITrustRepository"/> and key services.</summary>
public static class TrustServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="TrustServices"/> as a singleton, and its verifier as the <see cref="ICertificateTrustVerifier"/>
    /// every other part asks ("is this certificate trusted in domain X?").
    /// </summary>
    public static IServiceCollection AddKavachTrust(this IServiceCollection services, Func<IServiceProvider, TrustOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(sp => new TrustServices(
            sp.GetRequiredService<ITrustRepository>(),
            new TrustDependencies(
                sp.GetRequiredService<KeyRing>(),
                sp.GetRequiredService<IKeyStore>(),
                sp.GetRequiredService<IKeyVault>(),
                sp.GetRequiredService<SigningKeyProvider>(),
                sp.GetRequiredService<CertificateService>(),
                sp.GetRequiredService<KeyAccessPolicy>()),
            options(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<TrustServices>().Verifier);
        return services;
    }
}
