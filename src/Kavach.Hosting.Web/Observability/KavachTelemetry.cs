using System.Diagnostics;
using Kavach.Hosting.Configuration;
using Kavach.Storage;
using Kavach.Vaults;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Kavach.Hosting.Web.Observability;

/// <summary>
/// The part of observability every Kavach host shares (docs/observability.md): the host's meters exported for
/// Prometheus at <see cref="MetricsPath"/> (each host guards that path like its API), and, only when an OTLP endpoint is
/// configured, traces of the requests the host chooses, with spans down to the vault and the database.
/// </summary>
public static class KavachTelemetry
{
    /// <summary>The Prometheus scrape path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Registers the exporter for <paramref name="meters"/> and (when configured) tracing of the requests <paramref name="traced"/> selects.</summary>
    public static OpenTelemetryBuilder AddKavachTelemetry(
        this WebApplicationBuilder builder,
        TelemetryOptions options,
        string serviceName,
        IReadOnlyList<string> meters,
        Func<HttpContext, bool> traced)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(traced);
        var services = builder.Services;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(serviceName));

        // Scrapes are authenticated and rate-limited, so the exporter's response cache (which would hide a fresh count
        // from the next scrape) is off.
        telemetry.WithMetrics(metrics => metrics
            .AddMeter([.. meters])
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));

        // What a trace holds is set here for whoever adds a tracer provider: the OTLP exporter below, or a test's.
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing
            .AddSource(VaultActivities.SourceName, StoreActivities.SourceName)
            .AddAspNetCoreInstrumentation(aspnet =>
            {
                aspnet.Filter = traced;
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

        return telemetry;
    }

    /// <summary>Maps the scrape endpoint (GET only, so an access rule can name it).</summary>
    public static IEndpointConventionBuilder MapKavachMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
    }

    /// <summary>True for the metrics path (hosts guard it like their API).</summary>
    public static bool IsMetrics(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase);
    }

    private static bool OtlpConfigured(IConfiguration configuration, TelemetryOptions options) =>
        !string.IsNullOrWhiteSpace(options.OtlpEndpoint) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]) ||
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"]);

    // The span keeps the route template (http.route, and the span's name); the raw path can carry an identifier
    // (/tokenid/{uin}/…) and the query anything.
    private static void RemoveRawPath(Activity activity)
    {
        activity.SetTag("url.path", null);
        activity.SetTag("url.query", null);
    }
}
