namespace Kavach.Hosting.Configuration;

/// <summary>Metrics and traces (<c>Kavach:Telemetry</c>; docs/observability.md).</summary>
public sealed class TelemetryOptions
{
    /// <summary>
    /// Where traces go over OTLP (e.g. <c>http://otel-collector:4317</c>). Empty: no traces unless the standard
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>OTEL_EXPORTER_OTLP_TRACES_ENDPOINT</c>) is set; nothing is exported by default.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often the key inventory behind <c>kavach_keys</c> and <c>kavach_keys_expiring</c> is recounted (one scan of <c>key_alias</c>).</summary>
    public int KeyInventorySeconds { get; set; } = 60;

    /// <summary>How often the database is probed for <c>kavach_database_up</c>.</summary>
    public int DatabaseProbeSeconds { get; set; } = 15;
}
