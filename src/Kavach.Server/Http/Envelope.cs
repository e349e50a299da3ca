using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kavach.Keys.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Kavach.Server.Http;

/// <summary>
/// Reads MOSIP request envelopes and writes response envelopes. Business errors go out as HTTP 200 with
/// <c>errors</c> filled (as MOSIP does); client mistakes MOSIP answers with 500 get a 4xx here, same envelope.
/// </summary>
public static class Envelope
{
    /// <summary>Handles a JSON-bodied request: content type, size, parsing, <c>requesttime</c>, then <paramref name="handler"/>.</summary>
    public static async Task HandleAsync<TRequest, TResponse>(
        HttpContext context,
        JsonTypeInfo<RequestEnvelope<TRequest>> requestType,
        JsonTypeInfo<ResponseEnvelope<TResponse>> responseType,
        Func<TRequest, CancellationToken, Task<Outcome<TResponse>>> handler)
        where TRequest : class
    {
        var cancellationToken = context.RequestAborted;
        if (!IsJson(context.Request.ContentType))
        {
            await WriteErrorsAsync(context, StatusCodes.Status415UnsupportedMediaType, null, null, [ErrorCodes.InternalServerError with { Message = "Content type not supported; send application/json" }], responseType);
            return;
        }

        RequestEnvelope<TRequest>? envelope;
        try
        {
            envelope = await JsonSerializer.DeserializeAsync(context.Request.Body, requestType, cancellationToken);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            await WriteErrorsAsync(context, StatusCodes.Status200OK, null, null, [ErrorCodes.InvalidRequest with { Message = $"Invalid request: malformed JSON{where}" }], responseType);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteErrorsAsync(context, StatusCodes.Status413PayloadTooLarge, null, null, [ErrorCodes.InvalidRequest with { Message = "Invalid request: body too large" }], responseType);
            return;
        }

        if (envelope is null || envelope.Request is null)
        {
            await WriteErrorsAsync(context, StatusCodes.Status200OK, envelope?.Id, envelope?.Version, [ErrorCodes.InvalidRequest with { Message = $"request {RequestValidator.NotBlankMessage}" }], responseType);
            return;
        }

        if (envelope.Requesttime is not null && !MosipTime.TryParseRequestTime(envelope.Requesttime, out _))
        {
            await WriteErrorsAsync(context, StatusCodes.Status200OK, envelope.Id, envelope.Version, [ErrorCodes.InvalidRequest with { Message = "requesttime: " + ErrorCodes.DateTimeParse.Message }], responseType);
            return;
        }

        if (!await Audit.RequestAudit.BeforeHandlerAsync(context, envelope.Request))
        {
            await WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, envelope.Id, envelope.Version, [Audit.RequestAudit.Unavailable], responseType);
            return;
        }

        var outcome = await handler(envelope.Request, cancellationToken);
        await WriteAsync(context, envelope.Id, envelope.Version, outcome, responseType);
    }

    /// <summary>Handles a request without a body (GET): <paramref name="handler"/> reads the query or route.</summary>
    public static async Task HandleQueryAsync<TResponse>(
        HttpContext context,
        JsonTypeInfo<ResponseEnvelope<TResponse>> responseType,
        Func<CancellationToken, Task<Outcome<TResponse>>> handler)
    {
        if (!await Audit.RequestAudit.BeforeHandlerAsync(context, null))
        {
            await WriteErrorsAsync(context, StatusCodes.Status503ServiceUnavailable, null, null, [Audit.RequestAudit.Unavailable], responseType);
            return;
        }

        var outcome = await handler(context.RequestAborted);
        await WriteAsync(context, null, null, outcome, responseType);
    }

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

    private static Task WriteAsync<TResponse>(HttpContext context, string? id, string? version, Outcome<TResponse> outcome, JsonTypeInfo<ResponseEnvelope<TResponse>> responseType)
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

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, envelope, responseType, context.RequestAborted);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Caps the body size of the current request.</summary>
    public static void LimitBody(HttpContext context, long maxBytes)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
    }
}
