using System.Diagnostics;
using System.Diagnostics.Metrics;
using Kavach.Hosting.Startup;
using Kavach.Keys.Vault;

namespace Kavach.Server.Observability;

/// <summary>
/// The server's instruments, on the <see cref="MeterName"/> meter from the host's <see cref="IMeterFactory"/>. Names follow
/// OpenTelemetry's conventions; the Prometheus exporter turns them into <c>kavach_requests_total</c>,
/// <c>kavach_request_duration_seconds</c>, <c>kavach_audit_write_duration_seconds</c>,
/// <c>kavach_rate_limit_refusals_total</c>, <c>kavach_keys</c>, <c>kavach_keys_expiring</c>, <c>kavach_vault_up</c> and
/// <c>kavach_database_up</c>. Labels are low-cardinality by construction: an operation from the audit catalogue, an
/// outcome (success, a MOSIP error code, an HTTP status class), a key kind and state — never an alias, a caller or an id.
/// </summary>
internal sealed class KavachMetrics
{
    /// <summary>The meter a metrics exporter subscribes to.</summary>
    public const string MeterName = "Kavach.Server";

    // Seconds, from a cached private-key operation (tens of microseconds) to a slow HSM or database (seconds).
    private static readonly IReadOnlyList<double> LatencyBuckets =
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _auditWrite;
    private readonly Counter<long> _rateLimitRefusals;

    public KavachMetrics(IMeterFactory meters, KeyInventory inventory, VaultHealthGate vaultGate, KavachReadiness readiness)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _requests = meter.CreateCounter<long>("kavach.requests", "{request}", "Key-manager API requests by operation and outcome");
        _requestDuration = meter.CreateHistogram("kavach.request.duration", "s", "Time from the request's arrival to its response, by operation and outcome", tags: null, advice);
        _auditWrite = meter.CreateHistogram("kavach.audit.write.duration", "s", "Time to append a request's audit records (the request waits for it)", tags: null, advice);
        _rateLimitRefusals = meter.CreateCounter<long>("kavach.rate_limit.refusals", "{request}", "Requests refused by the per-client rate limit (HTTP 429)");
        meter.CreateObservableGauge("kavach.keys", inventory.KeysByState, "{key}", "Keys by kind and state, as kavach keys list shows them, recounted every Kavach:Telemetry:KeyInventorySeconds");
        meter.CreateObservableGauge("kavach.keys.expiring", inventory.KeysExpiring, "{key}", "Active keys by kind whose validity ends within 30 or 90 days");
        meter.CreateObservableGauge("kavach.vault.up", () => readiness.IsReady && vaultGate.IsOpen ? 1 : 0, unit: null, "1 while the key vault is usable (the vault health monitor's view), else 0");
        meter.CreateObservableGauge("kavach.database.up", () => readiness.IsReady && inventory.DatabaseUp ? 1 : 0, unit: null, "1 while the database answered its last probe, else 0");
    }

    /// <summary>True when anything listens to the request instruments (else the middleware does not even time).</summary>
    public bool RequestsEnabled => _requests.Enabled || _requestDuration.Enabled;

    /// <summary>Counts one API request and records its duration.</summary>
    public void RecordRequest(string operation, string outcome, TimeSpan elapsed)
    {
        // A TagList of two lives on the stack: no allocation per request.
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        _requests.Add(1, tags);
        _requestDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Records how long an audit append took.</summary>
    public void RecordAuditWrite(TimeSpan elapsed) => _auditWrite.Record(elapsed.TotalSeconds);

    /// <summary>Counts a rate-limit refusal; <paramref name="authenticated"/> tells the two limits apart.</summary>
    public void RecordRateLimitRefusal(bool authenticated) =>
        _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("caller", authenticated ? "authenticated" : "anonymous"));
}
