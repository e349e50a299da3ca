using System.Text.Json.Serialization;

namespace Kavach.Cli.Commands;

/// <summary>Source-generated JSON for <c>kavach trust</c> output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<TrustRow>))]
internal sealed partial class TrustCliJsonContext : JsonSerializerContext;
