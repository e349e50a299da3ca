using Kavach.Devices.Authority;
using Kavach.Devices.Deregistration;
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
using Kavach.Hosting.Composition;
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
/// <c>:Repository</c>, <c>:Operations</c> and <c>:Updates</c>.
/// </summary>
internal static class DeviceServicesRegistration
{
    public static IServiceCollection AddDeviceServices(this IServiceCollection services, IConfiguration configuration)
    {
        var authority = configuration.GetSection(DeviceServerOptions.Section + ":Authority").Get<DeviceAuthorityOptions>() ?? new DeviceAuthorityOptions();
        var enrolment = configuration.GetSection(DeviceServerOptions.Section + ":Enrolment").Get<EnrolmentOptions>() ?? new EnrolmentOptions();
        var repository = configuration.GetSection(DeviceServerOptions.Section + ":Repository").Get<DeviceRepositoryOptions>() ?? new DeviceRepositoryOptions();

        services.AddKavachDeviceRepository(_ => repository);
        services.AddKavachDeviceEnrolment(_ => authority, _ => enrolment);
        services.TryAddSingleton<IDownlinkSequence>(static sp => new ClockDownlinkSequence(Time(sp)));
        services.TryAddSingleton(static sp => new DownlinkWriter(sp.GetRequiredService<IDeviceServerKeys>(), Time(sp), sp.GetRequiredService<IDownlinkSequence>()));
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
        services.TryAddSingleton(Operations(configuration));
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

        // De-registration, compromise, the transparency log and outbound hooks; registered last so the gate above
        // (with the provider organisation check of the digital id) is the one they use.
        services.AddKavachDeviceDeregistration();
        return services;
    }

    // Check-in, commands, trusted time and the daily policy; validated here so a bad value stops the start, named.
    private static DeviceOperationsOptions Operations(IConfiguration configuration)
    {
        var section = DeviceServerOptions.Section + ":Operations";
        var operations = configuration.GetSection(section).Get<DeviceOperationsOptions>() ?? new DeviceOperationsOptions();
        try
        {
            return operations.Validate();
        }
        catch (ArgumentException problem)
        {
            throw new KavachConfigurationException($"{section}:{problem.ParamName}", problem.Message, problem);
        }
    }

    private static TimeProvider Time(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();
}
