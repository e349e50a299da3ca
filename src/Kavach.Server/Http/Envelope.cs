using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>
/// Writes MOSIP response envelopes (requests are read by <see cref="EnvelopeRequest{T}"/>). Business errors go out as HTTP 200 with
/// <c>errors</c> filled (as MOSIP does); client mistakes MOSIP answers with 500 get a 4xx here, same envelope.
/// </summary>
public static class Envelope
{
    /// <summary>Writes an error envelope with <paramref name="status"/>.</summary>
    public static Task WriteErrorsAsync<TResponse>(
        HttpContext context, int status, string? id, string? version, IReadOnlyList<KavachError> errors, JsonTypeInfo<ResponseEnvelope<TResponse>> responseType)
    {
        context.Response.StatusCode = status;
        return WriteEnvelopeAsync(context, new ResponseEnvelope<TResponse>
        {
            Id = id,
            Version = version,
            Responsetime = Now(context),
            Errors = errors.Select(e => new ServiceError(e.Code, e.Message)).ToList(),
        }, responseType);
    }

    /// <summary>Writes a generic error envelope (used by middleware that has no typed response).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, KavachError error) =>
        WriteErrorsAsync(context, status, null, null, [error], KavachJsonContext.Default.ResponseEnvelopeObject);

    /// <summary>The response time in MOSIP's format.</summary>
    public static string Now(HttpContext context) =>
        MosipTime.Format(context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>Writes a handler's outcome: the response, or its errors with their status.</summary>
    internal static Task WriteOutcomeAsync<TResponse>(HttpContext context, string? id, string? version, Outcome<TResponse> outcome, JsonTypeInfo<ResponseEnvelope<TResponse>> responseType)
    {
        if (outcome.Errors is { } errors)
        {
            // A client mistake keeps its own status (400); otherwise a refusal of the caller is 403/429, anything else 200.
            var status = outcome.Status != StatusCodes.Status200OK ? outcome.Status : RefusalStatus.Of(errors);
            return WriteErrorsAsync(context, status, id, version, errors, responseType);
        }

        return WriteEnvelopeAsync(context, new ResponseEnvelope<TResponse>
        {
            Id = id,
            Version = version,
            Responsetime = Now(context),
            Response = outcome.Response,
        }, responseType);
    }

    private static async Task WriteEnvelopeAsync<TResponse>(HttpContext context, ResponseEnvelope<TResponse> envelope, JsonTypeInfo<ResponseEnvelope<TResponse>> responseType)
    {
        // Fail closed: an outcome that cannot be audited is not released (the hook has set 503).
        if (!await Audit.RequestAudit.BeforeResponseAsync(context, envelope.Errors, envelope.Response))
        {
            envelope = new ResponseEnvelope<TResponse> { Id = envelope.Id, Version = envelope.Version, Responsetime = envelope.Responsetime, Errors = [new ServiceError(Audit.RequestAudit.Unavailable.Code, Audit.RequestAudit.Unavailable.Message)] };
        }

        if (envelope.Errors is [var first, ..])
        {
            Observability.RequestOutcomeFeature.Record(context, first.ErrorCode);
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, envelope, responseType, context.RequestAborted);
    }
}
