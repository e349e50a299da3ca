using Kavach.Hosting.Configuration;
using Kavach.Hosting.Web.Observability;

namespace Kavach.Server.Observability;

/// <summary>
/// Wires the server's metrics and traces (docs/observability.md): the <see cref="KavachMetrics"/> meter exported for
/// Prometheus at <see cref="KavachTelemetry.MetricsPath"/> (behind the API's authentication and the <c>getmetrics</c>
/// access rule), and, only when an OTLP endpoint is configured, traces of every API request with spans down to the vault
/// and the database.
/// </summary>
internal static class ObservabilityRegistration
{
    /// <summary>The OpenTelemetry service name.</summary>
    public const string ServiceName = "kavach";

    /// <summary>Registers the instruments, the exporter and (when configured) tracing.</summary>
    public static void AddKavachObservability(this WebApplicationBuilder builder, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var services = builder.Services;
        services.AddSingleton<KeyInventory>();
        services.AddSingleton<KavachMetrics>();
        services.AddHostedService<TelemetryRefresher>();
        builder.AddKavachTelemetry(
            options,
            ServiceName,
            [KavachMetrics.MeterName],
            static context => context.Request.Path.StartsWithSegments(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase));
    }
}
