namespace Kavach.Devices.Repository.Whitelist;

/// <summary>One device of a whitelist batch (table <c>whitelist_entry</c>): the digital-id fields the device must later present, and its hardware anchor.</summary>
/// <param name="SerialNo">Serial number: letters and digits, at least 12.</param>
/// <param name="Make">Make (an approved model of the batch's provider).</param>
/// <param name="Model">Model.</param>
/// <param name="Type">Finger, Iris or Face.</param>
/// <param name="DeviceSubType">A sub-type valid for the type.</param>
/// <param name="Certification">L0 or L1.</param>
/// <param name="Purpose">Auth or Registration.</param>
/// <param name="Env">Staging, Developer, Pre-Production or Production.</param>
/// <param name="FtmCertSha256">L1: lower-case hex SHA-256 of the FTM chip certificate (DER).</param>
/// <param name="L0KeySha256">L0: lower-case hex SHA-256 of the device key's SubjectPublicKeyInfo (DER).</param>
/// <param name="L0SecretSha256">L0, instead of the key: lower-case hex SHA-256 of a one-time enrolment secret (32 random bytes).</param>
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
    string? L0KeySha256,
    string? L0SecretSha256 = null);
