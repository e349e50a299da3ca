using Kavach.Keys.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Vaults;

/// <summary>Registers the key vault a host is configured with.</summary>
public static class VaultServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="IKeyVault"/> as a singleton, opened on first resolution and disposed with the container. A PKCS#11
    /// vault connects to its token on first use and reports unavailability until it can.
    /// </summary>
    public static IServiceCollection AddKavachVault(this IServiceCollection services, Func<IServiceProvider, KeyVaultSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton<IKeyVault>(sp =>
        {
            var time = sp.GetRequiredService<TimeProvider>();
            return settings(sp) switch
            {
                { File: { } file, Pkcs11: null } => Pkcs12FileVault.Open(file, time),
                { File: null, Pkcs11: { } pkcs11 } => Pkcs11Vault.Open(pkcs11, time, sp.GetRequiredService<ILoggerFactory>()),
                _ => throw new ArgumentException("Exactly one vault (a PKCS#12 file or a PKCS#11 token) must be configured.", nameof(settings)),
            };
        });
        return services;
    }
}
