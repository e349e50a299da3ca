using System.Text.Json.Serialization;

namespace Kavach.Hosting.Web.Health;

/// <summary>The body of <c>/health/live</c> and <c>/health/ready</c>; <see cref="Checks"/> only for operators.</summary>
public sealed record HealthReport(
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Checks);
