namespace Kavach.DeviceAgent.Provisioning;

/// <summary>
/// A device's line of a factory whitelist batch (spec §4.5), as <c>sim-device</c> prints it: the factory collects these
/// into a batch it signs, which an administrator imports and another approves.
/// </summary>
public sealed record WhitelistEntry(
    string SerialNo,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string Certification,
    string Purpose,
    string Env,
    string? FtmCertSha256,
    string? L0KeySha256);
