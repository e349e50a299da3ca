namespace Kavach.Server.Security;

/// <summary>
/// Which requests the security layer guards: everything under the MOSIP base path, and the Prometheus scrape endpoint
/// (rule <c>getmetrics</c>). Health and OpenAPI stay open.
/// </summary>
internal static class ApiPaths
{
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments(KavachServer.ApiBase, StringComparison.OrdinalIgnoreCase) || Observability.ObservabilityRegistration.IsMetrics(request);

    public static bool IsReadiness(HttpRequest request) => request.Path.Equals("/health/ready", StringComparison.OrdinalIgnoreCase);
}
