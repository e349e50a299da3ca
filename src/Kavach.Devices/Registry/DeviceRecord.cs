namespace Kavach.Devices.Registry;

/// <summary>
/// One device of the central repository (table <c>device</c>, spec §4.11). The eight digital-id fields come from the
/// approved whitelist entry and never change; <see cref="Version"/> is the row version for optimistic updates, so
/// two replicas never both move a device from one state.
/// </summary>
/// <param name="SerialNo">The SBI serial number (also SBI <c>deviceCode</c>); the primary key.</param>
/// <param name="MgmtId">Our internal id (UUIDv4), assigned at first enrolment; null before.</param>
/// <param name="ProviderId">The device provider (its PMS partner id).</param>
/// <param name="Make">Digital-id make.</param>
/// <param name="Model">Digital-id model.</param>
/// <param name="Type">Digital-id type: Finger, Iris or Face.</param>
/// <param name="DeviceSubType">Digital-id device sub-type, valid for <paramref name="Type"/>.</param>
/// <param name="Certification">L0 or L1.</param>
/// <param name="Purpose">Auth or Registration.</param>
/// <param name="Env">MOSIP environment: Staging, Developer, Pre-Production or Production.</param>
/// <param name="FtmCertSha256">L1: hex SHA-256 of the FTM chip certificate from the whitelist (fixed at enrolment).</param>
/// <param name="L0KeySha256">L0: hex SHA-256 of the pre-registered device public key (SPKI), when the whitelist names one, or of the key the device first enrolled with after a one-time secret.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="LastSeq">The highest uplink <c>seq</c> accepted (survives key rotation; reset by re-enrolment).</param>
/// <param name="LastCheckin">When the device last checked in.</param>
/// <param name="FirmwareVersion">Firmware the device last reported.</param>
/// <param name="ReleaseCounter">Release counter the device last reported.</param>
/// <param name="RotationDue">Set by the daily policy job; the next check-in carries <c>rotateKey</c>.</param>
/// <param name="BatchId">The whitelist batch that admitted it.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="Version">Row version, incremented by every update.</param>
/// <param name="L0SecretSha256">L0: hex SHA-256 of the whitelist's one-time enrolment secret until the first enrolment consumes it (then null, and <paramref name="L0KeySha256"/> holds the key).</param>
public sealed record DeviceRecord(
    string SerialNo,
    string? MgmtId,
    string ProviderId,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string Certification,
    string Purpose,
    string Env,
    string? FtmCertSha256,
    string? L0KeySha256,
    DeviceState State,
    long LastSeq,
    DateTimeOffset? LastCheckin,
    string? FirmwareVersion,
    long ReleaseCounter,
    bool RotationDue,
    string? BatchId,
    DateTimeOffset UpdatedAt,
    long Version,
    string? L0SecretSha256 = null);
