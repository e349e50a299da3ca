using Kavach.Devices.Authority;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Messaging;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Server.Configuration;
using Kavach.Devices.Updates;
using Kavach.Hosting.Files;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Trust;
using Kavach.Trust.Channel;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Kavach.Devices.Server.Composition;

/// <summary>
/// The device-management services the server maps, over the stores and key services <c>AddKavach</c> registers: the
/// central repository (providers, models, whitelist, four-eyes approvals), the device CA and server keys (vault-held),
/// the message gate and downlink writer, enrolment, the operations (check-in, commands, rotation, time, daily job) and
/// updates (metadata, artifacts, rollouts). Options come from <c>Kavach:DeviceServer:Authority</c>, <c>:Enrolment</c>,
/// <c>:Repository</c> and <c>:Updates</c>.
/// </summary>
internal static class DeviceServicesRegistration
{
    public static IServiceCollection AddDeviceServices(this IServiceCollection services, IConfiguration configuration)
    {
        var authority = configuration.GetSection(DeviceServerOptions.Section + ":Authority").Get<DeviceAuthorityOptions>() ?? new DeviceAuthorityOptions();
        var enrolment = configuration.GetSection(DeviceServerOptions.Section + ":Enrolment").Get<EnrolmentOptions>() ?? new EnrolmentOptions();
        var repository = configuration.GetSection(DeviceServerOptions.Section + ":Repository").Get<DeviceRepositoryOptions>() ?? new DeviceRepositoryOptions();

        services.AddKavachDeviceRepository(_ => repository);
        services.TryAddSingleton(authority);
        services.TryAddSingleton(enrolment);
        services.TryAddSingleton(static sp => sp.GetRequiredService<KeyRing>().Generator.SubjectDefaults);
        services.TryAddSingleton(static sp => new DeviceCertificateAuthority(
            sp.GetRequiredService<KeyRing>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<IKeyVault>(),
            sp.GetRequiredService<IDeviceCertificateStore>(),
            sp.GetRequiredService<SubjectDefaults>(),
            sp.GetRequiredService<DeviceAuthorityOptions>(),
            Time(sp)));
        services.TryAddSingleton<IDeviceCaCertificates>(static sp => sp.GetRequiredService<DeviceCertificateAuthority>());
        services.TryAddSingleton(static sp => new DeviceServerKeys(
            sp.GetRequiredService<KeyRing>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<IKeyVault>(),
            sp.GetRequiredService<SubjectDefaults>(),
            sp.GetRequiredService<DeviceAuthorityOptions>(),
            Time(sp)));
        services.TryAddSingleton<IDeviceServerKeys>(static sp => sp.GetRequiredService<DeviceServerKeys>());
        services.TryAddSingleton<IDownlinkSequence>(static sp => new ClockDownlinkSequence(Time(sp)));
        services.TryAddSingleton(static sp => new DownlinkWriter(sp.GetRequiredService<IDeviceServerKeys>(), Time(sp), sp.GetRequiredService<IDownlinkSequence>()));
        services.TryAddSingleton<IDeviceProviderOrganizations>(static sp => new RepositoryProviderOrganizations(sp.GetRequiredService<IDeviceProviderStore>()));
        services.TryAddSingleton<IFtmChipTrust>(static sp => new TrustStoreFtmChipTrust(sp.GetRequiredService<TrustServices>().Paths, sp.GetRequiredService<EnrolmentOptions>()));
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
                logger: sp.GetRequiredService<ILogger<DeviceMessageGate>>(),
                providerName: async (id, ct) => await organizations.GetOrganizationAsync(id, ct));
        });
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
            sp.GetRequiredService<ILogger<EnrolmentService>>()));
        services.AddSingleton<IApprovalHandler>(static sp => new L0EnrolmentApprovalHandler(
            sp.GetRequiredService<EnrolmentService>(),
            sp.GetRequiredService<IEnrolmentStore>(),
            sp.GetRequiredService<IDeviceRegistryStore>(),
            Time(sp)));
        services.AddKavachDeviceOperations();

        // Updates: Release Root keys and limits from configuration; artifacts under the data directory unless set.
        var updates = configuration.GetSection(DeviceServerOptions.Section + ":Updates");
        services.AddKavachDeviceUpdates((sp, options) =>
        {
            updates.Bind(options);
            if (string.IsNullOrWhiteSpace(options.ArtifactDirectory))
            {
                options.ArtifactDirectory = Path.Combine(sp.GetRequiredService<KavachDataDirectory>().Path, "device-artifacts");
            }
        });
        return services;
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();
}
