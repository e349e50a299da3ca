using System.Text.Json.Serialization;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>One entry of a whitelist batch file (spec §4.5): the eight digital-id fields but the provider's, and the hardware anchor.</summary>
internal sealed record WhitelistBatchFileEntry(
    [property: JsonPropertyName("serialNo")] string SerialNo,
    [property: JsonPropertyName("make")] string Make,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("deviceSubType")] string DeviceSubType,
    [property: JsonPropertyName("certification")] string Certification,
    [property: JsonPropertyName("purpose")] string Purpose,
    [property: JsonPropertyName("env")] string Env,
    [property: JsonPropertyName("ftmCertSha256")] string? FtmCertSha256 = null,
    [property: JsonPropertyName("l0KeySha256")] string? L0KeySha256 = null,
    [property: JsonPropertyName("l0SecretSha256")] string? L0SecretSha256 = null);
