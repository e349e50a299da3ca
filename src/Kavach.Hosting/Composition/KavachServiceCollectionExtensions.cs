using Kavach.Hosting.Configuration;
using Kavach.Hosting.Files;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Tokens;
using Kavach.Keys.Audit;
using Kavach.Keys.Composition;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Signatures;
using Kavach.Keys.Storage;
using Kavach.Keys.TokenIds;
using Kavach.Storage;
using Kavach.Storage.Audit;
using Kavach.Trust;
using Kavach.Vaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kavach.Hosting.Composition;

/// <summary>
/// The one composition of Kavach: every host (the server, the CLI, later hosts) calls <see cref="AddKavach"/> on the
/// same configuration and gets the same services over the same data directory.
/// </summary>
public static class KavachServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Kavach</c> section and registers the store, the vault, the key services, the trust
    /// store, the audit trail, token IDs and the local token issuer, all singletons. Nothing is opened here: the store
    /// and vault connect on first use.
    /// </summary>
    public static IServiceCollection AddKavach(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KavachOptions>().Bind(configuration.GetSection(KavachOptions.Section)).ValidateOnStart();
        return services.AddKavachServices();
    }

    /// <summary>The same registrations over options already built (tools and tests that are not hosts).</summary>
    public static IServiceCollection AddKavach(this IServiceCollection services, KavachOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        return services.AddKavachServices();
    }

    private static IServiceCollection AddKavachServices(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KavachOptions>, KavachOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<KavachDataDirectory>();
        services.TryAddSingleton<KavachReadiness>();

        // The data directory is secured before the store or vault opens a file in it.
        services.AddKavachStore(sp => KavachSettings.Store(Secured(sp)));
        services.AddKavachVault(sp => KavachSettings.Vault(Secured(sp)));
        services.AddKavachKeys(sp => KavachSettings.Keys(Options(sp)));
        services.AddKavachTrust(sp => Options(sp).Trust);
        services.AddKavachPartnerOnboarding(sp => Options(sp).PartnerChannel);
        services.AddSingleton<IAuditAnchorStore>(sp => new FileAuditAnchorStore(KavachSettings.AuditAnchorFile(Secured(sp))));
        services.AddKavachAudit(sp => KavachSettings.Audit(Options(sp)));

        // The salts are resolved once, by one thread (the first resolution may create their file); a failure (an
        // unreadable file) is not remembered, so the next request tries again.
        services.AddSingleton(sp => new TokenIdGenerator(TokenIdSalts.Resolve(Options(sp).TokenId, sp.GetRequiredService<KavachDataDirectory>().Path)));
        services.AddSingleton(sp => new LocalTokenIssuer(
            sp.GetRequiredService<KeyRing>(),
            sp.GetRequiredService<KeyPolicyCatalog>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<SigningKeyProvider>(),
            Options(sp).Security.LocalIssuer));
        services.AddSingleton<AdminTokens>();
        services.TryAddSingleton<Inventory.RevokedKeyIndex>();
        services.TryAddSingleton<Inventory.KeyInventory>();
        return services;
    }

    /// <summary>
    /// The long-running part a service host adds: start-up keys with retries until the store and vault answer, then
    /// readiness, and the admin token kept fresh.
    /// </summary>
    public static IServiceCollection AddKavachStartup(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<KavachStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<KavachStartup>());
        services.AddSingleton<AdminTokenRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminTokenRefresher>());
        return services;
    }

    private static KavachOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<KavachOptions>>().Value;

    private static KavachOptions Secured(IServiceProvider services)
    {
        _ = services.GetRequiredService<KavachDataDirectory>().Path;
        return Options(services);
    }
}
