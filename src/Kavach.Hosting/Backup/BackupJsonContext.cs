using System.Text.Json.Serialization;

namespace Kavach.Hosting.Backup;

/// <summary>The manifest's JSON (camelCase, indented: operators read it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(BackupManifest))]
internal sealed partial class BackupJsonContext : JsonSerializerContext
{
}
