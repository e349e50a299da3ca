using Kavach.Devices.Commands;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// The admin API's read side of the registry: pages of devices with their Active certificate's end (two queries a
/// page, never one a device), one device, the summary counted in the database, and a device's commands.
/// </summary>
internal sealed class AdminDeviceQueries(IDeviceRegistryStore registry, IDeviceCertificateStore certificates, IDeviceCommandStore commands)
{
    /// <summary>The most commands <see cref="CommandsAsync"/> returns.</summary>
    public const int MaxCommands = 500;

    public async Task<DevicePage> ListAsync(DeviceQuery query, CancellationToken cancellationToken)
    {
        var page = await registry.ListDevicesAsync(query, cancellationToken);
        var expiries = await certificates.GetActiveCertificateExpiriesAsync([.. page.Select(static d => d.SerialNo)], cancellationToken);
        var next = page.Count == query.Limit ? page[^1].SerialNo : null;
        return new DevicePage([.. page.Select(d => DeviceView.Of(d, expiries.TryGetValue(d.SerialNo, out var end) ? end : null))], next);
    }

    public async Task<DeviceView?> GetAsync(string serialNo, CancellationToken cancellationToken)
    {
        if (await registry.GetDeviceAsync(serialNo, cancellationToken) is not { } device)
        {
            return null;
        }

        var expiries = await certificates.GetActiveCertificateExpiriesAsync([serialNo], cancellationToken);
        return DeviceView.Of(device, expiries.TryGetValue(serialNo, out var end) ? end : null);
    }

    public async Task<DeviceSummaryView> SummaryAsync(string? providerId, CancellationToken cancellationToken) =>
        DeviceSummaryView.Of(await registry.CountDevicesAsync(providerId, cancellationToken));

    /// <summary>The device's commands, newest first; null when there is no such device.</summary>
    public async Task<DeviceCommandsView?> CommandsAsync(string serialNo, DeviceCommandState? state, int limit, CancellationToken cancellationToken)
    {
        if (await registry.GetDeviceAsync(serialNo, cancellationToken) is null)
        {
            return null;
        }

        var list = await commands.ListCommandsAsync(serialNo, state, limit, cancellationToken);
        return new DeviceCommandsView(serialNo, [.. list.Select(CommandHistoryView.Of)]);
    }
}
