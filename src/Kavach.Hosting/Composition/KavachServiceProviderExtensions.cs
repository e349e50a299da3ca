using Kavach.Hosting.Configuration;
using Kavach.Hosting.Files;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Storage;
using Kavach.Trust.Storage;

namespace Kavach.Hosting.Composition;

/// <summary>The checks a host runs once, before it starts anything.</summary>
public static class KavachServiceProviderExtensions
{
    /// <summary>
    /// Validates the options, secures the data directory and builds the store and vault (which touch neither the
    /// database nor the HSM yet), so a configuration fault stops the start before any listener opens.
    /// </summary>
    /// <exception cref="KavachConfigurationException">A setting is wrong; the message names it.</exception>
    public static void ValidateKavachConfiguration(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        try
        {
            _ = services.GetRequiredService<IOptions<KavachOptions>>().Value;
            _ = services.GetRequiredService<KavachDataDirectory>().Path;
            _ = services.GetRequiredService<IKeyStore>();
            _ = services.GetRequiredService<ITrustRepository>();
            _ = services.GetRequiredService<IKeyVault>();
        }
        catch (Exception e) when (e is KeyVaultUnavailableException or KeyStoreUnavailableException)
        {
            // The HSM or database is away for now: the host starts not-ready and the start-up retries.
        }
        catch (Exception e) when (ConfigurationFaults.Describe(e) is { } configuration)
        {
            throw configuration;
        }
    }
}
