using System.Text.Json.Serialization;

namespace Kavach.Hosting.Web.Health;

/// <summary>JSON metadata for the health report (camelCase, as every Kavach answer).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
