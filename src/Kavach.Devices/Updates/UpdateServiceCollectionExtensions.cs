using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates.Artifacts;
using Kavach.Devices.Updates.Releases;
using Kavach.Devices.Updates.Rollouts;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Timestamps;
using Kavach.Keys.Audit;
using Kavach.Keys.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Updates;

/// <summary>Registers signed updates: metadata, timestamps, artifacts, rollouts, the check-in hook <see cref="IDeviceUpdates"/> and the update-report route handler <see cref="UpdateMessages"/>.</summary>
public static class UpdateServiceCollectionExtensions
{
    /// <summary>
    /// Adds the update services as singletons. Needs <see cref="IDeviceUpdateStore"/> and <see cref="IDeviceRegistryStore"/>
    /// (AddKavachStore), <see cref="IKeyVault"/> and <see cref="AuditTrail"/> (AddKavachKeys), and the repository's
    /// <see cref="ApprovalService"/>, to which rollouts are submitted (kind Rollout, handled by <see cref="RolloutApprovals"/>). The
    /// host runs <see cref="TimestampService.RunAsync"/> in a background service and sets
    /// <see cref="UpdateOptions.ArtifactDirectory"/> under its data directory.
    /// </summary>
    public static IServiceCollection AddKavachDeviceUpdates(this IServiceCollection services, Action<IServiceProvider, UpdateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddSingleton(provider =>
        {
            var options = new UpdateOptions();
            configure(provider, options);
            return options;
        });
        services.TryAddSingleton<IDeviceAudit>(static provider => new AuditTrailDeviceAudit(provider.GetRequiredService<AuditTrail>()));
        services.TryAddSingleton(static provider => new TimestampService(
            provider.GetRequiredService<IDeviceUpdateStore>(),
            provider.GetRequiredService<IKeyVault>(),
            provider.GetRequiredService<UpdateOptions>(),
            Time(provider),
            Logger<TimestampService>(provider)));
        services.TryAddSingleton(static provider => new UpdateMetadataService(
            provider.GetRequiredService<IDeviceUpdateStore>(),
            provider.GetRequiredService<TimestampService>(),
            provider.GetRequiredService<IDeviceAudit>(),
            provider.GetRequiredService<UpdateOptions>(),
            Time(provider),
            Logger<UpdateMetadataService>(provider),
            provider.GetService<TransparencyRecorder>()));
        services.TryAddSingleton(static provider => new ArtifactRepository(
            provider.GetRequiredService<IDeviceUpdateStore>(),
            provider.GetRequiredService<IDeviceAudit>(),
            provider.GetRequiredService<UpdateOptions>(),
            Time(provider)));
        services.TryAddSingleton(static provider => new RolloutService(
            provider.GetRequiredService<IDeviceUpdateStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IRolloutApprovalGate>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            Logger<RolloutService>(provider)));
        services.TryAddSingleton(static provider => new RolloutApprovals(
            () => provider.GetRequiredService<ApprovalService>(),
            () => provider.GetRequiredService<RolloutService>()));
        services.TryAddSingleton<IRolloutApprovalGate>(static provider => provider.GetRequiredService<RolloutApprovals>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalHandler, RolloutApprovals>(static provider => provider.GetRequiredService<RolloutApprovals>()));
        services.TryAddSingleton<IDeviceUpdates>(static provider => new DeviceUpdateService(
            provider.GetRequiredService<IDeviceUpdateStore>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            Logger<DeviceUpdateService>(provider)));
        services.TryAddSingleton(static provider => new UpdateMessages(
            provider.GetRequiredService<IDeviceUpdates>(),
            provider.GetRequiredService<DownlinkWriter>()));
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger<T> Logger<T>(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
