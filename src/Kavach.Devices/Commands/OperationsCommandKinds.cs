namespace Kavach.Devices.Commands;

/// <summary>
/// Who may queue which kind of the protocol's closed catalogue (<see cref="Protocol.Commands.DeviceCommandKind"/>). Administrators queue only the harmless ones;
/// <c>rotateKey</c> comes from rotation, <c>deregister</c> from the four-eyes de-registration, <c>updateAvailable</c>
/// from rollouts. Nothing here can capture, stream or pass anything to the SBI: no such kind exists.
/// </summary>
public static class OperationsCommandKinds
{
    /// <summary>getDeviceInfo.</summary>
    public const string GetDeviceInfo = "getDeviceInfo";

    /// <summary>syncTime.</summary>
    public const string SyncTime = "syncTime";

    /// <summary>rotateKey{rotationId, deadline}.</summary>
    public const string RotateKey = "rotateKey";

    /// <summary>deregister{reason}.</summary>
    public const string Deregister = "deregister";

    /// <summary>updateAvailable{releaseCounter}.</summary>
    public const string UpdateAvailable = "updateAvailable";

    /// <summary>setPolicy{…}.</summary>
    public const string SetPolicy = "setPolicy";

    /// <summary>getLogs{sinceSeq}.</summary>
    public const string GetLogs = "getLogs";

    /// <summary>The kinds an administrator may queue directly.</summary>
    public static IReadOnlySet<string> AdminKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { GetDeviceInfo, SyncTime, SetPolicy, GetLogs };

    /// <summary>The kinds only the server's own flows queue.</summary>
    public static IReadOnlySet<string> SystemKinds { get; } = new HashSet<string>(StringComparer.Ordinal) { RotateKey, Deregister, UpdateAvailable };
}
