using System.Text.Json.Serialization;

namespace Kavach.Devices.Transparency;

/// <summary>An inclusion proof as JSON.</summary>
internal sealed record InclusionDocument(
    [property: JsonPropertyName("leafIndex"), JsonRequired] long LeafIndex,
    [property: JsonPropertyName("treeSize"), JsonRequired] long TreeSize,
    [property: JsonPropertyName("leafHash"), JsonRequired] string LeafHash,
    [property: JsonPropertyName("leaf"), JsonRequired] string Leaf,
    [property: JsonPropertyName("auditPath"), JsonRequired] IReadOnlyList<string> AuditPath);
