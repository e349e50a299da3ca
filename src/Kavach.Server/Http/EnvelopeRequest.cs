using System.Reflection;
using System.Text.Json;
using Kavach.Keys.Errors;
using Microsoft.AspNetCore.Http.Metadata;

namespace Kavach.Server.Http;

/// <summary>
/// A handler parameter holding the MOSIP request envelope of a JSON-bodied endpoint. Binding never fails: a body that
/// is not JSON (415), too large (413), malformed (200, with the JSON path), without <c>request</c> or with a bad
/// <c>requesttime</c> (200) is recorded as a <see cref="Rejection"/>, which <see cref="EnvelopeRejectionFilter"/>
/// answers before any handler or service runs.
/// </summary>
internal sealed class EnvelopeRequest<T> : IEnvelopeRequest, IEndpointParameterMetadataProvider
    where T : class
{
    private static readonly string[] JsonContentType = ["application/json"];

    private readonly T? _request;

    private EnvelopeRequest(T? request, string? id, string? version, EnvelopeRejection? rejection)
    {
        _request = request;
        Id = id;
        Version = version;
        Rejection = rejection;
    }

    /// <summary>The <c>request</c> body (handlers only run for envelopes that have one).</summary>
    public T Request => _request ?? throw new InvalidOperationException("A rejected envelope reached its handler.");

    /// <inheritdoc />
    public string? Id { get; }

    /// <inheritdoc />
    public string? Version { get; }

    /// <inheritdoc />
    public EnvelopeRejection? Rejection { get; }

    /// <inheritdoc />
    object? IEnvelopeRequest.Body => _request;

    /// <summary>Reads the envelope from the request body (minimal APIs call this to bind the parameter).</summary>
    public static async ValueTask<EnvelopeRequest<T>?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var envelope = await ReadAsync(context);
        context.Features.Set<IEnvelopeRequest>(envelope);
        return envelope;
    }

    /// <summary>Declares the JSON body in the endpoint's metadata (OpenAPI).</summary>
    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Resolved here so a type missing from the JSON contexts stops the start, not a request.
        _ = EnvelopeJson.For<RequestEnvelope<T>>();
        builder.Metadata.Add(new AcceptsMetadata(JsonContentType, typeof(RequestEnvelope<T>)));
    }

    private static async ValueTask<EnvelopeRequest<T>> ReadAsync(HttpContext context)
    {
        if (!IsJson(context.Request.ContentType))
        {
            return Rejected(StatusCodes.Status415UnsupportedMediaType, null, ErrorCodes.InternalServerError with { Message = "Content type not supported; send application/json" });
        }

        RequestEnvelope<T>? envelope;
        try
        {
            envelope = await JsonSerializer.DeserializeAsync(context.Request.Body, EnvelopeJson.For<RequestEnvelope<T>>(), context.RequestAborted);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? string.Empty : $" at {e.Path}";
            return Rejected(StatusCodes.Status200OK, null, ErrorCodes.InvalidRequest with { Message = $"Invalid request: malformed JSON{where}" });
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Rejected(StatusCodes.Status413PayloadTooLarge, null, ErrorCodes.InvalidRequest with { Message = "Invalid request: body too large" });
        }

        if (envelope?.Request is not { } request)
        {
            return Rejected(StatusCodes.Status200OK, envelope, ErrorCodes.InvalidRequest with { Message = $"request {RequestValidator.NotBlankMessage}" });
        }

        if (envelope.Requesttime is not null && !MosipTime.TryParseRequestTime(envelope.Requesttime, out _))
        {
            return Rejected(StatusCodes.Status200OK, envelope, ErrorCodes.InvalidRequest with { Message = "requesttime: " + ErrorCodes.DateTimeParse.Message });
        }

        return new EnvelopeRequest<T>(request, envelope.Id, envelope.Version, null);
    }

    private static EnvelopeRequest<T> Rejected(int status, RequestEnvelope<T>? envelope, KavachError error) =>
        new(null, envelope?.Id, envelope?.Version, new EnvelopeRejection(status, error));

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        contentType.Split(';', 2)[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
