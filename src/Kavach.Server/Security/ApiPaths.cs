using Kavach.Server.OpenApi;

namespace Kavach.Server.Security;

/// <summary>
/// Which requests the security layer guards: everything under the MOSIP base path but the API explorer's static pages,
/// and the Prometheus scrape endpoint (rule <c>getmetrics</c>). Health, OpenAPI and the explorer stay open (the explorer
/// calls the API with the credentials its user gives it).
/// </summary>
internal static class ApiPaths
{
    public static bool IsApi(HttpRequest request) =>
        (request.Path.StartsWithSegments(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase) && !IsExplorer(request))
        || Kavach.Hosting.Web.Observability.KavachTelemetry.IsMetrics(request);

    /// <summary>Swagger UI's pages and MOSIP's <c>swagger-ui.html</c> address for them (exact segments: nothing else under the base path).</summary>
    public static bool IsExplorer(HttpRequest request) =>
        request.Path.StartsWithSegments(OpenApiRegistration.SwaggerUiPrefix, StringComparison.OrdinalIgnoreCase) ||
        request.Path.Equals(OpenApiRegistration.SwaggerUiPrefix + ".html", StringComparison.OrdinalIgnoreCase);

    public static bool IsReadiness(HttpRequest request) => request.Path.Equals("/health/ready", StringComparison.OrdinalIgnoreCase);
}
