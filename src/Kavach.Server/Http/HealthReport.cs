namespace Kavach.Server.Http;

/// <summary>The body of <c>/health/live</c> and <c>/health/ready</c>.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks);
