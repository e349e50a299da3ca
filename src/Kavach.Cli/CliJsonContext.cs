using System.Text.Json.Serialization;
using Kavach.Cli.Commands;
using Kavach.Hosting.Inventory;

namespace Kavach.Cli;

/// <summary>Source-generated JSON for CLI output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(List<KeyRow>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
