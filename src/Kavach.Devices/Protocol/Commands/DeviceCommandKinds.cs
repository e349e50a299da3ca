namespace Kavach.Devices.Protocol.Commands;

/// <summary>Wire names of the <see cref="DeviceCommandKind"/>s.</summary>
public static class DeviceCommandKinds
{
    private static readonly Dictionary<string, DeviceCommandKind> ByName = new(StringComparer.Ordinal)
    {
        ["getDeviceInfo"] = DeviceCommandKind.GetDeviceInfo,
        ["syncTime"] = DeviceCommandKind.SyncTime,
        ["rotateKey"] = DeviceCommandKind.RotateKey,
        ["deregister"] = DeviceCommandKind.Deregister,
        ["updateAvailable"] = DeviceCommandKind.UpdateAvailable,
        ["setPolicy"] = DeviceCommandKind.SetPolicy,
        ["getLogs"] = DeviceCommandKind.GetLogs,
    };

    /// <summary>The wire name, e.g. <c>rotateKey</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a catalogue kind.</exception>
    public static string ToWire(this DeviceCommandKind kind) => kind switch
    {
        DeviceCommandKind.GetDeviceInfo => "getDeviceInfo",
        DeviceCommandKind.SyncTime => "syncTime",
        DeviceCommandKind.RotateKey => "rotateKey",
        DeviceCommandKind.Deregister => "deregister",
        DeviceCommandKind.UpdateAvailable => "updateAvailable",
        DeviceCommandKind.SetPolicy => "setPolicy",
        DeviceCommandKind.GetLogs => "getLogs",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Maps a wire name (exact, case-sensitive) to a kind; false for anything outside the catalogue.</summary>
    public static bool TryParse(string? name, out DeviceCommandKind kind)
    {
        kind = default;
        return name is not null && ByName.TryGetValue(name, out kind);
    }
}
