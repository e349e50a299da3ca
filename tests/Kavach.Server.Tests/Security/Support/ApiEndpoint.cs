using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>An endpoint the server serves under <c>/v1/keymanager</c>: its method, route and a request path with parameters filled in.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Route">The route below the API base, as written in the endpoint map (e.g. <c>/generateMasterKey/{objectType}</c>).</param>
public sealed record ApiEndpoint(string Method, string Route)
{
    /// <summary>"METHOD /route", the key of the expected role table.</summary>
    public string Key => $"{Method} {Route}";

    /// <summary>A concrete path with harmless route values.</summary>
    public string Path => KavachServer.ApiBase + Route
        .Replace("{objectType}", "CERTIFICATE", StringComparison.Ordinal)
        .Replace("{partnerCertId}", "no-such-cert", StringComparison.Ordinal)
        .Replace("{caCertId}", "no-such-ca", StringComparison.Ordinal)
        .Replace("{uin}", "123456789012", StringComparison.Ordinal)
        .Replace("{partnercode}", "partner-1", StringComparison.Ordinal);

    /// <summary>True when the request carries a JSON body.</summary>
    public bool HasBody => Method is "POST" or "PUT";

    /// <summary>Every API endpoint the running server maps.</summary>
    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => new ApiEndpoint(m, e.RoutePattern.RawText![KavachServer.ApiBase.Length..])))
            .Distinct()
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

    /// <summary>Builds the request for this endpoint, with an empty MOSIP envelope as the body.</summary>
    public HttpRequestMessage Request(string? body = null)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (HasBody)
        {
            message.Content = new StringContent(body ?? "{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"request\":{}}", System.Text.Encoding.UTF8, "application/json");
        }

        return message;
    }
}
