using System.Diagnostics;
using Kavach.Hosting.Configuration;
using Kavach.Storage;
using Kavach.Vaults;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kavach.Server.Observability;

/// <summary>
/// Wires metrics and traces (docs/observability.md): the <see cref="KavachMetrics"/> meter exported for Prometheus at
/// <see cref="MetricsPath"/> (behind the API's authentication and the <c>getmetrics</c> access rule), and, only when an
/// OTLP endpoint is configured, traces of every API request with spans down to the vault and the database.
/// </summary>
internal static class ObservabilityRegistration
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

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

        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(ServiceName));

        // Scrapes are authenticated and rate-limited, so the exporter's response cache (which would hide a fresh count
        // from the next scrape) is off.
        telemetry.WithMetrics(metrics => metrics
            .AddMeter(KavachMetrics.MeterName)
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        // What a trace holds is set here for whoever adds a tracer provider: the OTLP exporter below, or a test's.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(VaultActivities.SourceName, StoreActivities.SourceName)
            .AddAspNetCoreInstrumentation(aspnet =>
            {
                aspnet.Filter = context => context.Request.Path.StartsWithSegments(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase);
                aspnet.RecordException = false;
                aspnet.EnrichWithHttpRequest = static (activity, _) => RemoveRawPath(activity);
            }));
        if (OtlpConfigured(builder.Configuration, options))
        {
            telemetry.WithTracing(tracing => tracing.AddOtlpExporter(otlp =>
            {
                if (options.OtlpEndpoint is { Length: > 0 } endpoint)
                {
                    otlp.Endpoint = new Uri(endpoint);
                }
            }));
        }
    }

    /// <summary>Maps the scrape endpoint (GET only, so the access rule <c>getmetrics</c> names it).</summary>
    public static void MapKavachMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
    }

    /// <summary>True for the metrics path (the security layer guards it like the API).</summary>
    public static bool IsMetrics(HttpRequest request) => request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);

    private static bool OtlpConfigured(IConfiguration configuration, TelemetryOptions options) =>
        !string.IsNullOrWhiteSpace(options.OtlpEndpoint) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    // The span keeps the route template (http.route, and the span's name); the raw path can carry a UIN
    // (/tokenid/{uin}/…) and the query anything.
    private static void RemoveRawPath(Activity activity)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }
}
