using System.Reflection;
using Kavach.Keys.Errors;
using Microsoft.AspNetCore.Http.Metadata;

namespace Kavach.Server.Http;

/// <summary>
/// What an endpoint handler produced: a response, or one or more errors (MOSIP reports one per bad field). As the
/// handler's result it writes the MOSIP response envelope, echoing the request envelope's id and version.
/// </summary>
public readonly struct Outcome<T> : IResult, IEndpointMetadataProvider
{
    private static readonly string[] JsonContentType = ["application/json"];

    internal Outcome(T? response, IReadOnlyList<KavachError>? errors, int status)
    {
        Response = response;
        Errors = errors;
        Status = status;
    }

    /// <summary>The response on success.</summary>
    public T? Response { get; }

    /// <summary>The errors, or null on success.</summary>
    public IReadOnlyList<KavachError>? Errors { get; }

    /// <summary>
    /// The HTTP status: 200 for responses and for MOSIP's business errors; 400 for client mistakes MOSIP answers
    /// with a 500 (see <see cref="ClientMistake"/>).
    /// </summary>
    public int Status { get; }

    /// <summary>Wraps a response.</summary>
    public static implicit operator Outcome<T>(T response) => new(response, null, StatusCodes.Status200OK);

    /// <summary>Wraps one error.</summary>
    public static implicit operator Outcome<T>(KavachError error) => new(default, [error], StatusCodes.Status200OK);

    /// <summary>Wraps several errors.</summary>
    public static implicit operator Outcome<T>(List<KavachError> errors) => new(default, errors, StatusCodes.Status200OK);

    /// <summary>Declares the response envelope in the endpoint's metadata (OpenAPI).</summary>
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Resolved here so a type missing from the JSON contexts stops the start, not a request.
        _ = EnvelopeJson.For<ResponseEnvelope<T>>();
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(ResponseEnvelope<T>), JsonContentType));
    }

    /// <summary>Writes the response envelope.</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var envelope = httpContext.Features.Get<IEnvelopeRequest>();
        return Envelope.WriteOutcomeAsync(httpContext, envelope?.Id, envelope?.Version, this, EnvelopeJson.For<ResponseEnvelope<T>>());
    }
}
