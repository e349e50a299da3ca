using System.Diagnostics;
using Kavach.Server.Audit;

namespace Kavach.Server.Observability;

/// <summary>
/// Counts and times every key-manager API request by operation (its audit catalogue name, e.g. <c>crypto.decrypt</c>)
/// and outcome (<c>success</c>, the MOSIP error code answered, or <c>http_4xx</c>/<c>http_5xx</c>). Outermost, so
/// refusals by the security layer and faults turned into envelopes are measured too. When nothing listens to the
/// instruments the request passes straight through, untimed.
/// </summary>
internal sealed class RequestMetricsMiddleware
{
    private const string Success = "success";
    private const string ClientError = "http_4xx";
    private const string ServerError = "http_5xx";

    private readonly RequestDelegate _next;
    private readonly KavachMetrics _metrics;

    public RequestMetricsMiddleware(RequestDelegate next, KavachMetrics metrics)
    {
        _next = next;
        _metrics = metrics;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_metrics.RequestsEnabled || !context.Request.Path.StartsWithSegments(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase))
        {
            return _next(context);
        }

        return MeasureAsync(context);
    }

    private async Task MeasureAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _next(context);
        }
        finally
        {
            // The audit state is made once per request anyway; its operation comes from the route pattern, never the
            // raw path (which may hold a UIN).
            _metrics.RecordRequest(RequestAuditState.Of(context).Operation.Name, Outcome(context), Stopwatch.GetElapsedTime(started));
        }
    }

    private static string Outcome(HttpContext context)
    {
        if (context.Features.Get<RequestOutcomeFeature>() is { } answered)
        {
            return answered.ErrorCode;
        }

        var status = context.Response.StatusCode;
        return status < 400 ? Success : status < 500 ? ClientError : ServerError;
    }
}
