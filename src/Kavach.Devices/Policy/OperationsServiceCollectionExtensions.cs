using System.Collections;
using Kavach.Devices.Authority;
using Kavach.Devices.Checkin;
using Kavach.Devices.Commands;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Time;
using Kavach.Devices.Transparency;
using Kavach.Devices.Updates;
using Kavach.Trust.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Policy;

/// <summary>Registers device operations: commands, check-in, trusted time, rotation, their route handlers (<see cref="OperationsMessages"/>, <see cref="CommandLongPoll"/>) and the daily policy job.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the operations services as singletons and the daily policy job as a hosted service. Options come from a
    /// <see cref="DeviceOperationsOptions"/> registered before (defaults otherwise), validated at first resolution.
    /// Needs the stores (AddKavachStore: <see cref="IDeviceRegistryStore"/>, <see cref="IDeviceCertificateStore"/>,
    /// <see cref="IDeviceCommandStore"/>, <see cref="IDailyJobRunStore"/>, <see cref="ITrustRepository"/>),
    /// <see cref="IDeviceAudit"/>, the device CA (<see cref="DeviceCertificateAuthority"/>), <see cref="IDeviceServerKeys"/>,
    /// <see cref="EnrolmentService"/> and the protocol's <see cref="DownlinkWriter"/>; <see cref="IDeviceUpdates"/> when present.
    /// </summary>
    public static IServiceCollection AddKavachDeviceOperations(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static _ => new DeviceOperationsOptions());
        services.TryAddSingleton(static provider => provider.GetRequiredService<DeviceOperationsOptions>().Validate().Commands);
        services.TryAddSingleton(static provider => provider.GetRequiredService<DeviceOperationsOptions>().Validate().Checkin);
        services.TryAddSingleton(static provider => provider.GetRequiredService<DeviceOperationsOptions>().Validate().Time);
        services.TryAddSingleton(static provider => provider.GetRequiredService<DeviceOperationsOptions>().Validate().Policy);
        services.TryAddSingleton<DeviceCommandSignals>();
        services.TryAddSingleton(static provider => provider.GetRequiredService<TrustedTimeOptions>().CreateDiscipline());

        services.AddSingleton(static provider => new DeviceCommandService(
            provider.GetRequiredService<IDeviceCommandStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceAudit>(),
            provider.GetRequiredService<DeviceCommandSignals>(),
            new LateObservers(provider),
            Time(provider),
            provider.GetRequiredService<DeviceCommandOptions>(),
            Logger<DeviceCommandService>(provider)));
        services.AddSingleton<IRotationCertificateIssuer>(static provider => new DeviceCaRotationIssuer(provider.GetRequiredService<DeviceCertificateAuthority>()));
        services.AddSingleton(static provider => new KeyRotationService(
            provider.GetRequiredService<DeviceCommandService>(),
            provider.GetRequiredService<IDeviceCommandStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceCertificateStore>(),
            provider.GetRequiredService<IRotationCertificateIssuer>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            provider.GetRequiredService<DevicePolicyOptions>(),
            Logger<KeyRotationService>(provider),
            provider.GetService<TransparencyRecorder>()));
        services.AddSingleton(static provider => new RotationRequirement(
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceCertificateStore>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            Logger<RotationRequirement>(provider)));
        services.AddSingleton<IDeviceCommandObserver>(static provider => provider.GetRequiredService<KeyRotationService>());
        services.AddSingleton(static provider => new TrustedTimeService(
            provider.GetRequiredService<IClockDiscipline>(),
            provider.GetRequiredService<TrustedTimeOptions>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            Logger<TrustedTimeService>(provider)));
        services.AddSingleton(static provider => new CheckinService(
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<DeviceCommandService>(),
            provider.GetRequiredService<KeyRotationService>(),
            provider.GetService<IDeviceUpdates>(),
            provider.GetRequiredService<DownlinkWriter>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            provider.GetRequiredService<CheckinOptions>(),
            provider.GetRequiredService<DevicePolicyOptions>(),
            Logger<CheckinService>(provider)));
        services.TryAddSingleton<LongPollWaiters>();
        services.AddSingleton(static provider => new CommandLongPoll(
            provider.GetRequiredService<IDeviceCertificateStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<DeviceCommandService>(),
            provider.GetRequiredService<LongPollWaiters>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            Logger<CommandLongPoll>(provider)));
        services.AddSingleton(static provider => new OperationsMessages(
            provider.GetRequiredService<CheckinService>(),
            provider.GetRequiredService<DeviceCommandService>(),
            provider.GetRequiredService<TrustedTimeService>(),
            provider.GetRequiredService<KeyRotationService>(),
            provider.GetRequiredService<DownlinkWriter>()));
        services.TryAddSingleton<IDeviceCaMaintenance>(static provider => new DeviceCaMaintenance(
            provider.GetRequiredService<DeviceCertificateAuthority>(),
            provider.GetRequiredService<EnrolmentService>()));
        services.AddSingleton(static provider => new DailyPolicyJob(
            provider.GetRequiredService<IDailyJobRunStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceCertificateStore>(),
            provider.GetRequiredService<DeviceCommandService>(),
            provider.GetRequiredService<IDeviceCaMaintenance>(),
            provider.GetRequiredService<DeviceCertificateAuthority>(),
            provider.GetRequiredService<IDeviceServerKeys>(),
            provider.GetRequiredService<ITrustRepository>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            provider.GetRequiredService<DevicePolicyOptions>(),
            Logger<DailyPolicyJob>(provider),
            provider.GetServices<IDailyPolicyStep>(),
            provider.GetService<IDeviceHostReadiness>()));
        services.AddHostedService(static provider => new DailyPolicyService(
            provider.GetRequiredService<DailyPolicyJob>(),
            Time(provider),
            Logger<DailyPolicyService>(provider)));
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger<T> Logger<T>(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;

    // The observers are resolved when a time-out is reported, not when the command service is built: rotation (an
    // observer) itself needs the command service.
    private sealed class LateObservers(IServiceProvider provider) : IEnumerable<IDeviceCommandObserver>
    {
        public IEnumerator<IDeviceCommandObserver> GetEnumerator() => provider.GetServices<IDeviceCommandObserver>().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
