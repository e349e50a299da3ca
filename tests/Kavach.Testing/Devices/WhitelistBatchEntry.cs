namespace Kavach.Testing.Devices;

/// <summary>One entry of a factory whitelist batch, as the factory writes it (spec §4.5).</summary>
public sealed record WhitelistBatchEntry(
    string SerialNo,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string Certification,
    string Purpose,
    string Env,
    string? FtmCertSha256,
    string? L0KeySha256,
    string? L0SecretSha256 = null);
