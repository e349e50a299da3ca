using Kavach.Devices.Policy;
using Kavach.Devices.Updates;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices;

/// <summary>Registers the device management domain in a host's services.</summary>
public static class DeviceServiceCollectionExtensions
{
    /// <summary>Adds every device management service; <paramref name="configureUpdates"/> sets the update options (artifact directory, Release Root keys).</summary>
    public static IServiceCollection AddKavachDevices(this IServiceCollection services, Action<IServiceProvider, UpdateOptions> configureUpdates)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKavachDeviceUpdates(configureUpdates);
        services.AddKavachDeviceOperations();
        return services;
    }
}
