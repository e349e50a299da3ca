using System.Text.Json.Serialization.Metadata;
using Kavach.Server.Composition;

namespace Kavach.Server.Http;

/// <summary>Maps MOSIP-envelope endpoints: parsing, validation errors and the response envelope are handled once here.</summary>
public static class EnvelopeRouteExtensions
{
    /// <summary>Maps a POST (or <paramref name="method"/>) endpoint whose body is a MOSIP request envelope.</summary>
    public static RouteHandlerBuilder MapEnvelope<TRequest, TResponse>(
        this RouteGroupBuilder group,
        string pattern,
        JsonTypeInfo<RequestEnvelope<TRequest>> requestType,
        JsonTypeInfo<ResponseEnvelope<TResponse>> responseType,
        Func<EndpointCall<TRequest>, Task<Outcome<TResponse>>> handler,
        string method = "POST")
        where TRequest : class =>
        group.MapMethods(pattern, [method], (HttpContext context, RuntimeHolder runtime) =>
                Envelope.HandleAsync(context, requestType, responseType, (request, ct) => handler(new EndpointCall<TRequest>(context, runtime.Current, request, ct))))
            .Accepts<RequestEnvelope<TRequest>>("application/json")
            .Produces<ResponseEnvelope<TResponse>>();
}
