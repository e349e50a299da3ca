using Kavach.Devices.Authority;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Messaging;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Updates;
using Kavach.Keys.Audit;
using Kavach.Trust.Channel;
using Kavach.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices;

/// <summary>Registers device management's services; hosts call it after <c>AddKavach</c> (store, audit trail, trust store).</summary>
public static class DeviceServiceCollectionExtensions
{
    /// <summary>
    /// Device management over the registered stores (<c>AddKavachStore</c> registers them), the audit trail and the
    /// partner trust store: the central repository, the device CA and server keys, enrolment, the downlink writer and
    /// the message gate (which checks a digital id's provider against the repository's organisations), the
    /// operations, updates (when <see cref="DeviceServicesOptions.ConfigureUpdates"/> is set), de-registration,
    /// compromise, the transparency log and the hooks. The one composition of hosts and tests; every registration a
    /// host may replace is a TryAdd, so a host's own registration made before wins.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="options">The settings; defaults when null.</param>
    public static IServiceCollection AddKavachDevices(this IServiceCollection services, DeviceServicesOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new DeviceServicesOptions();
        services.AddKavachDeviceRepository(_ => options.Repository);
        services.AddKavachDeviceEnrolment(_ => options.Authority, _ => options.Enrolment);
        services.TryAddSingleton<IDownlinkSequence>(static sp => new ClockDownlinkSequence(Time(sp)));
        services.TryAddSingleton(static sp => new DownlinkWriter(sp.GetRequiredService<IDeviceServerKeys>(), Time(sp), sp.GetRequiredService<IDownlinkSequence>()));
        services.TryAddSingleton(static _ => new DeviceMessageGateOptions());
        services.TryAddSingleton(static sp =>
        {
            var organizations = sp.GetRequiredService<IDeviceProviderOrganizations>();
            return new DeviceMessageGate(
                sp.GetRequiredService<IDeviceServerKeys>(),
                sp.GetRequiredService<IDeviceCaCertificates>(),
                sp.GetRequiredService<IDeviceRegistryStore>(),
                sp.GetRequiredService<IDeviceCertificateStore>(),
                sp.GetRequiredService<IReplayLedger>(),
                sp.GetRequiredService<IDeviceAudit>(),
                Time(sp),
                sp.GetRequiredService<DeviceMessageGateOptions>(),
                sp.GetService<ILogger<DeviceMessageGate>>(),
                async (id, ct) => await organizations.GetOrganizationAsync(id, ct));
        });
        services.TryAddSingleton(options.Operations);
        services.AddKavachDeviceOperations();
        if (options.ConfigureUpdates is { } configureUpdates)
        {
            services.AddKavachDeviceUpdates(configureUpdates);
        }

        // Last: the gate above (with the provider organisation check) is the one de-registration uses.
        services.AddKavachDeviceDeregistration();
        return services;
    }

    /// <summary>
    /// The central repository: the device audit sink (over <see cref="AuditTrail"/>), the provider trust (over
    /// <see cref="TrustServices"/>), four-eyes approvals with the whitelist's handler, and the provider, model and
    /// whitelist services. Other areas register their own <see cref="IApprovalHandler"/> singletons.
    /// </summary>
    public static IServiceCollection AddKavachDeviceRepository(this IServiceCollection services, Func<IServiceProvider, DeviceRepositoryOptions>? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IDeviceAudit>(sp => new AuditTrailDeviceAudit(sp.GetRequiredService<AuditTrail>()));
        services.TryAddSingleton<IProviderTrust>(sp => new TrustStoreProviderTrust(sp.GetRequiredService<TrustServices>()));
        services.TryAddSingleton(sp => options?.Invoke(sp) ?? new DeviceRepositoryOptions());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalHandler, WhitelistApprovalHandler>(sp => new WhitelistApprovalHandler(
            sp.GetRequiredService<IWhitelistStore>(),
            sp.GetRequiredService<IDeviceRegistryStore>(),
            sp.GetRequiredService<IDeviceCertificateStore>(),
            sp.GetRequiredService<Deregistration.IRevocationAftermath>(),
            sp.GetRequiredService<IDeviceAudit>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<WhitelistApprovalHandler>>())));
        services.TryAddSingleton(sp => new ApprovalService(
            sp.GetRequiredService<IDeviceApprovalStore>(),
            sp.GetServices<IApprovalHandler>(),
            sp.GetRequiredService<IDeviceAudit>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<ApprovalService>>()));
        services.TryAddSingleton(sp => new ProviderService(
            sp.GetRequiredService<IDeviceProviderStore>(),
            sp.GetRequiredService<IProviderTrust>(),
            sp.GetRequiredService<IDeviceAudit>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<ProviderService>>()));
        services.TryAddSingleton(sp => new ModelService(
            sp.GetRequiredService<IDeviceModelStore>(),
            sp.GetRequiredService<IDeviceProviderStore>(),
            sp.GetRequiredService<IDeviceAudit>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<ModelService>>()));
        services.TryAddSingleton(sp => new WhitelistService(
            sp.GetRequiredService<IWhitelistStore>(),
            sp.GetRequiredService<IDeviceProviderStore>(),
            sp.GetRequiredService<IDeviceModelStore>(),
            sp.GetRequiredService<IProviderTrust>(),
            sp.GetRequiredService<ApprovalService>(),
            sp.GetRequiredService<IDeviceAudit>(),
            sp.GetRequiredService<DeviceRepositoryOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<WhitelistService>>()));
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();
}
