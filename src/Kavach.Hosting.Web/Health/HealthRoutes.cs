namespace Kavach.Hosting.Web.Health;

/// <summary>The two health endpoints as mapped, so a host can describe them (OpenAPI) or add metadata.</summary>
/// <param name="Live"><c>/health/live</c>.</param>
/// <param name="Ready"><c>/health/ready</c>.</param>
public sealed record HealthRoutes(RouteHandlerBuilder Live, RouteHandlerBuilder Ready);
