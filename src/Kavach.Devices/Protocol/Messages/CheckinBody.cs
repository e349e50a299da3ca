namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>checkin</c> (spec §4.6): telemetry only; no biometric, transaction or capture data exists in it.</summary>
/// <param name="FwVersion">Firmware version.</param>
/// <param name="ReleaseCounter">Installed release counter.</param>
/// <param name="CertSerial">Serial of the certificate in use (upper-case hex).</param>
/// <param name="CertNotAfter">Its expiry (ISO 8601 UTC, milliseconds).</param>
/// <param name="DeviceStatus">SBI status: <c>Ready</c>, <c>Busy</c> or <c>Not Ready</c>.</param>
/// <param name="Health">Health counters.</param>
/// <param name="Sbi">SBI versions.</param>
/// <param name="LastTimeSync">When the device last synchronised its clock with the server (ISO 8601 UTC, milliseconds).</param>
public sealed record CheckinBody(
    string FwVersion,
    long ReleaseCounter,
    string CertSerial,
    string CertNotAfter,
    string DeviceStatus,
    DeviceHealth Health,
    SbiInfo Sbi,
    string? LastTimeSync = null) : IUplinkBody;
