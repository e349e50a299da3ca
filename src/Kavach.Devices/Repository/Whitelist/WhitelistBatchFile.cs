using System.Text.Json.Serialization;

namespace Kavach.Devices.Repository.Whitelist;

/// <summary>The payload of a whitelist batch file, exactly as the factory signs it (unknown members are refused).</summary>
internal sealed record WhitelistBatchFile(
    [property: JsonPropertyName("batchId")] string BatchId,
    [property: JsonPropertyName("providerId")] string ProviderId,
    [property: JsonPropertyName("entries")] IReadOnlyList<WhitelistBatchFileEntry> Entries);
