using Kavach.Devices.Deregistration;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Updates;
using Kavach.Keys.Audit;
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
    /// partner trust store. Each area adds its lines here.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configureUpdates">Sets the update options (artifact directory, Release Root keys); without it the update services are not added.</param>
    /// <param name="repositoryOptions">The central repository's options; defaults when null.</param>
    public static IServiceCollection AddKavachDevices(
        this IServiceCollection services,
        Action<IServiceProvider, UpdateOptions>? configureUpdates = null,
        Func<IServiceProvider, DeviceRepositoryOptions>? repositoryOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKavachDeviceRepository(repositoryOptions);
        services.AddKavachDeviceOperations();
        services.AddKavachDeviceDeregistration();
        services.AddKavachDeviceEnrolment();
        if (configureUpdates is not null)
        {
            services.AddKavachDeviceUpdates(configureUpdates);
        }

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
}
