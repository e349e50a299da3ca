using System.Text.Json.Serialization;

namespace Kavach.Devices.Transparency;

/// <summary>The tree head as JSON.</summary>
internal sealed record TreeHeadDocument(
    [property: JsonPropertyName("treeSize"), JsonRequired] long TreeSize,
    [property: JsonPropertyName("rootHash"), JsonRequired] string RootHash,
    [property: JsonPropertyName("timestamp"), JsonRequired] string Timestamp,
    [property: JsonPropertyName("keyId"), JsonRequired] string KeyId,
    [property: JsonPropertyName("signature"), JsonRequired] string Signature);
