using System.Text.Json.Serialization;

namespace Kavach.Devices.Transparency;

/// <summary>A consistency proof as JSON.</summary>
internal sealed record ConsistencyDocument(
    [property: JsonPropertyName("first"), JsonRequired] long First,
    [property: JsonPropertyName("second"), JsonRequired] long Second,
    [property: JsonPropertyName("path"), JsonRequired] IReadOnlyList<string> Path);
