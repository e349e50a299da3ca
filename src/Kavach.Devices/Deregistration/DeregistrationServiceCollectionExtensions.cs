using Kavach.Devices.Authority;
using Kavach.Devices.Commands;
using Kavach.Devices.Hooks;
using Kavach.Devices.Messaging;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Transparency;
using Kavach.Keys.Audit;
using Kavach.Keys.Composition;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Trust.Channel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Deregistration;

/// <summary>Registers de-registration and compromise, the transparency log and the outbound hooks.</summary>
public static class DeregistrationServiceCollectionExtensions
{
    /// <summary>Validity of the log's and the hooks' signing certificates (renewed 30 days before the end).</summary>
    public const int SigningKeyValidityDays = 730;

    /// <summary>
    /// Adds the <see cref="TransparencyLog"/> and the hook <see cref="HookPublisher"/>, <see cref="HookDispatcher"/> and
    /// its background sender, each signing with a vault key of its own; the <see cref="DeregistrationApprovalHandler"/>
    /// (four-eyes kind Deregistration) and the <see cref="DeregistrationService"/>. <see cref="HookOptions"/> and
    /// <see cref="DeregistrationOptions"/> registered before win over the defaults. Needs the stores, the key services
    /// (<c>AddKavachKeys</c>), the device CA, the server keys, <see cref="ApprovalService"/>, the operations services
    /// (<see cref="DeviceCommandService"/>, <see cref="IDeviceCaMaintenance"/>) and <see cref="IDeviceAudit"/>.
    /// </summary>
    public static IServiceCollection AddKavachDeviceDeregistration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static _ => new DeregistrationOptions());
        services.TryAddSingleton(static _ => new HookOptions());
        services.TryAddSingleton(static _ => new DeviceMessageGateOptions());
        services.TryAddSingleton(static provider => new TransparencyLog(
            provider.GetRequiredService<ITransparencyLogStore>(),
            SigningKey(provider, TransparencyLog.SigningKeyApplicationId, "Kavach Device Transparency Log"),
            Time(provider),
            Logger<TransparencyLog>(provider)));
        services.TryAddSingleton(static provider => new TransparencyRecorder(provider.GetRequiredService<TransparencyLog>(), Time(provider)));
        services.TryAddSingleton(static provider => new HookPublisher(
            provider.GetRequiredService<IHookOutboxStore>(),
            provider.GetRequiredService<HookOptions>(),
            Time(provider),
            Logger<HookPublisher>(provider)));
        services.TryAddSingleton(static provider => new HookDispatcher(
            provider.GetRequiredService<IHookOutboxStore>(),
            new HookSigner(SigningKey(provider, HookSigner.SigningKeyApplicationId, "Kavach Device Hooks")),
            new HttpClient(),
            provider.GetRequiredService<HookOptions>(),
            Time(provider),
            provider.GetService<AuditTrail>(),
            Logger<HookDispatcher>(provider)));
        services.AddSingleton<IHostedService>(static provider => new HookDeliveryService(
            provider.GetRequiredService<HookDispatcher>(),
            provider.GetRequiredService<HookOptions>(),
            Time(provider),
            Logger<HookDeliveryService>(provider)));
        services.TryAddSingleton<IRevocationAftermath>(static provider => new RevocationAftermath(
            provider.GetRequiredService<IDeviceCaMaintenance>(),
            provider.GetRequiredService<TransparencyLog>(),
            provider.GetRequiredService<HookPublisher>(),
            Logger<RevocationAftermath>(provider)));
        services.TryAddSingleton<IDeviceCaCertificates>(static provider => provider.GetRequiredService<DeviceCertificateAuthority>());
        services.TryAddSingleton(static provider => new DeviceMessageGate(
            provider.GetRequiredService<IDeviceServerKeys>(),
            provider.GetRequiredService<IDeviceCaCertificates>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceCertificateStore>(),
            provider.GetRequiredService<IReplayLedger>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            provider.GetRequiredService<DeviceMessageGateOptions>(),
            Logger<DeviceMessageGate>(provider)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalHandler, DeregistrationApprovalHandler>(static provider => new DeregistrationApprovalHandler(
            provider.GetRequiredService<IDeregistrationStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceCommandStore>(),
            provider.GetRequiredService<DeviceCommandService>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            provider.GetRequiredService<DeregistrationOptions>(),
            Logger<DeregistrationApprovalHandler>(provider))));
        services.TryAddSingleton(static provider => new DeregistrationService(
            provider.GetRequiredService<IDeregistrationStore>(),
            provider.GetRequiredService<IDeviceRegistryStore>(),
            provider.GetRequiredService<IDeviceCertificateStore>(),
            provider.GetRequiredService<ApprovalService>(),
            provider.GetRequiredService<IDeviceCaMaintenance>(),
            provider.GetRequiredService<TransparencyLog>(),
            provider.GetRequiredService<HookPublisher>(),
            provider.GetRequiredService<IDeviceServerKeys>(),
            provider.GetRequiredService<DeviceMessageGate>(),
            provider.GetRequiredService<IReplayLedger>(),
            provider.GetRequiredService<IDeviceAudit>(),
            Time(provider),
            provider.GetRequiredService<DeregistrationOptions>(),
            provider.GetRequiredService<DeviceMessageGateOptions>(),
            provider.GetService<ILogger<DeregistrationService>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDailyPolicyStep, OverdueDeregistrationStep>(
            static provider => new OverdueDeregistrationStep(provider.GetRequiredService<DeregistrationService>())));
        return services;
    }

    private static VaultSigningKey SigningKey(IServiceProvider provider, string applicationId, string commonName) => new(
        applicationId,
        commonName,
        SigningKeyValidityDays,
        provider.GetRequiredService<KeyRing>(),
        provider.GetRequiredService<IKeyStore>(),
        provider.GetRequiredService<IKeyVault>(),
        provider.GetRequiredService<KeyServiceSettings>().KeyManager.Subject,
        Time(provider));

    private static TimeProvider Time(IServiceProvider provider) => provider.GetService<TimeProvider>() ?? TimeProvider.System;

    private static ILogger<T> Logger<T>(IServiceProvider provider) => provider.GetService<ILogger<T>>() ?? NullLogger<T>.Instance;
}
