namespace Kavach.Devices.Protocol.Commands;

/// <summary>
/// The closed command catalogue (spec §4.6). There is no capture, stream or SBI passthrough kind, and none can be added
/// by configuration: a kind outside this enum is rejected by the device.
/// </summary>
public enum DeviceCommandKind
{
    /// <summary><c>getDeviceInfo</c>: report device information (no biometrics).</summary>
    GetDeviceInfo,

    /// <summary><c>syncTime</c>: synchronise the clock with the server now.</summary>
    SyncTime,

    /// <summary><c>rotateKey{rotationId, deadline}</c>: start a server-triggered key rotation.</summary>
    RotateKey,

    /// <summary><c>deregister{reason}</c>: zeroise the device key and acknowledge.</summary>
    Deregister,

    /// <summary><c>updateAvailable{releaseCounter}</c>: a signed release is waiting.</summary>
    UpdateAvailable,

    /// <summary><c>setPolicy{checkinSeconds, rotateAfterDays, certDays}</c>: adopt a new policy.</summary>
    SetPolicy,

    /// <summary><c>getLogs{sinceSeq}</c>: send redacted logs (no biometrics).</summary>
    GetLogs,
}
