using Kavach.Devices.Authority;
using Kavach.Devices.Hooks;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Transparency;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Trust;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Enrolment;

/// <summary>Registers the device CA, the device server keys and enrolment (called by <c>AddKavachDevices</c>).</summary>
public static class EnrolmentServiceCollectionExtensions
{
    /// <summary>
    /// The device CA (<see cref="DeviceCertificateAuthority"/>, also as <see cref="IDeviceCaCertificates"/>), the server
    /// keys (<see cref="DeviceServerKeys"/>, also as <see cref="IDeviceServerKeys"/>), <see cref="EnrolmentService"/> and
    /// the L0 enrolment's approval handler, over the key services and stores <c>AddKavach</c> registers, the trust store
    /// (FTM roots) and the central repository (provider organisations). Every registration is a TryAdd, so a host may
    /// replace any of them, and calling this twice changes nothing.
    /// </summary>
    public static IServiceCollection AddKavachDeviceEnrolment(
        this IServiceCollection services,
        Func<IServiceProvider, DeviceAuthorityOptions>? authorityOptions = null,
        Func<IServiceProvider, EnrolmentOptions>? enrolmentOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => authorityOptions?.Invoke(sp) ?? new DeviceAuthorityOptions());
        services.TryAddSingleton(sp => enrolmentOptions?.Invoke(sp) ?? new EnrolmentOptions());
        services.TryAddSingleton(static sp => new DeviceCertificateAuthority(
            sp.GetRequiredService<KeyRing>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<IKeyVault>(),
            sp.GetRequiredService<IDeviceCertificateStore>(),
            Subject(sp),
            sp.GetRequiredService<DeviceAuthorityOptions>(),
            Time(sp)));
        services.TryAddSingleton<IDeviceCaCertificates>(static sp => sp.GetRequiredService<DeviceCertificateAuthority>());
        services.TryAddSingleton(static sp => new DeviceServerKeys(
            sp.GetRequiredService<KeyRing>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<IKeyVault>(),
            Subject(sp),
            sp.GetRequiredService<DeviceAuthorityOptions>(),
            Time(sp)));
        services.TryAddSingleton<IDeviceServerKeys>(static sp => sp.GetRequiredService<DeviceServerKeys>());
        services.TryAddSingleton<IDeviceProviderOrganizations>(static sp => new RepositoryProviderOrganizations(sp.GetRequiredService<IDeviceProviderStore>()));
        services.TryAddSingleton<IFtmChipTrust>(static sp => new TrustStoreFtmChipTrust(sp.GetRequiredService<TrustServices>().Paths, sp.GetRequiredService<EnrolmentOptions>()));
        services.TryAddSingleton(static sp => new EnrolmentService(
            sp.GetRequiredService<IDeviceRegistryStore>(),
            sp.GetRequiredService<IDeviceCertificateStore>(),
            sp.GetRequiredService<IEnrolmentStore>(),
            sp.GetRequiredService<DeviceCertificateAuthority>(),
            sp.GetRequiredService<DeviceAuthorityOptions>(),
            sp.GetRequiredService<IDeviceServerKeys>(),
            sp.GetRequiredService<IFtmChipTrust>(),
            sp.GetRequiredService<IDeviceProviderOrganizations>(),
            sp.GetRequiredService<IDeviceAudit>(),
            sp.GetRequiredService<EnrolmentOptions>(),
            Time(sp),
            sp.GetService<ILogger<EnrolmentService>>() ?? NullLogger<EnrolmentService>.Instance,
            sp.GetService<TransparencyRecorder>(),
            sp.GetService<HookPublisher>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IApprovalHandler, L0EnrolmentApprovalHandler>(static sp => new L0EnrolmentApprovalHandler(
            sp.GetRequiredService<EnrolmentService>(),
            sp.GetRequiredService<IEnrolmentStore>(),
            sp.GetRequiredService<IDeviceRegistryStore>(),
            Time(sp))));
        return services;
    }

    // The subject defaults (C, ST, L, O) the key manager's own certificates use.
    private static SubjectDefaults Subject(IServiceProvider provider) => provider.GetRequiredService<KeyRing>().Generator.SubjectDefaults;

    private static TimeProvider Time(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();
}
