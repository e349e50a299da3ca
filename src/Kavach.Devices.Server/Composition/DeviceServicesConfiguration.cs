using Kavach.Devices.Authority;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Policy;
using Kavach.Devices.Repository;
using Kavach.Devices.Server.Configuration;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Files;

namespace Kavach.Devices.Server.Composition;

/// <summary>
/// The server's <see cref="DeviceServicesOptions"/> from configuration, for <c>AddKavachDevices</c> (the composition
/// tests use too): <c>Kavach:DeviceServer:Authority</c>, <c>:Enrolment</c>, <c>:Repository</c>, <c>:Operations</c>
/// (validated here, so a bad value stops the start, named) and <c>:Updates</c> (artifacts under the data directory
/// unless set).
/// </summary>
internal static class DeviceServicesConfiguration
{
    public static DeviceServicesOptions Read(IConfiguration configuration)
    {
        var updates = configuration.GetSection(DeviceServerOptions.Section + ":Updates");
        return new DeviceServicesOptions
        {
            Authority = Bind<DeviceAuthorityOptions>(configuration, "Authority"),
            Enrolment = Bind<EnrolmentOptions>(configuration, "Enrolment"),
            Repository = Bind<DeviceRepositoryOptions>(configuration, "Repository"),
            Operations = Operations(configuration),
            ConfigureUpdates = (sp, options) =>
            {
                updates.Bind(options);
                if (string.IsNullOrWhiteSpace(options.ArtifactDirectory))
                {
                    options.ArtifactDirectory = Path.Combine(sp.GetRequiredService<KavachDataDirectory>().Path, "device-artifacts");
                }
            },
        };
    }

    private static T Bind<T>(IConfiguration configuration, string name)
        where T : new() =>
        configuration.GetSection(DeviceServerOptions.Section + ":" + name).Get<T>() ?? new T();

    private static DeviceOperationsOptions Operations(IConfiguration configuration)
    {
        var section = DeviceServerOptions.Section + ":Operations";
        var operations = Bind<DeviceOperationsOptions>(configuration, "Operations");
        try
        {
            return operations.Validate();
        }
        catch (ArgumentException problem)
        {
            throw new KavachConfigurationException($"{section}:{problem.ParamName}", problem.Message, problem);
        }
    }
}
