using Kavach.Devices.Commands;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Hooks;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Audit;
using Kavach.Keys.Storage;
using Kavach.Keys.ZeroKnowledge;
using Kavach.Trust.Channel;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Storage;

/// <summary>Registers the store in a host's service collection.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers one singleton store (<see cref="KeyStores.Create"/>: validated options, no database touched until
    /// first use), resolved as <see cref="IKavachStore"/>, <see cref="IKeyStore"/>, <see cref="IAuditStore"/>,
    /// <see cref="IZkKeyPoolStore"/>, <see cref="ITrustRepository"/>, <see cref="IChannelPartnerRepository"/> and
    /// <see cref="IReplayLedger"/> — the same instance under every interface.
    /// The clock and loggers come from the container (<see cref="TimeProvider.System"/> and none when not registered).
    /// The container disposes the store (pool and change listener) when it is disposed asynchronously.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">Reads the store options; a <see cref="StoreConfigurationException"/> it or
    /// <see cref="StoreOptions.Validate"/> throws surfaces at the first resolution.</param>
    public static IServiceCollection AddKavachStore(this IServiceCollection services, Func<IServiceProvider, StoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<IKavachStore>(provider => KeyStores.Create(
            options(provider),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>()));
        services.AddSingleton<IKeyStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IAuditStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<Inventory.IKeyInventoryStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<Audit.IAuditQueryStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IZkKeyPoolStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<ITrustRepository>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IChannelPartnerRepository>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IReplayLedger>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceRegistryStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceCertificateStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceApprovalStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceProviderStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceModelStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IWhitelistStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceCommandStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDailyJobRunStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IEnrolmentStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeviceUpdateStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<ITransparencyLogStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IHookOutboxStore>(static provider => provider.GetRequiredService<IKavachStore>());
        services.AddSingleton<IDeregistrationStore>(static provider => provider.GetRequiredService<IKavachStore>());
        return services;
    }
}
