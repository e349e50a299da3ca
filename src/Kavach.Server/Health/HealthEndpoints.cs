using Kavach.Hosting.Web.Health;
using Kavach.Server.OpenApi;
using Kavach.Server.Security.Authorization;

namespace Kavach.Server.Health;

/// <summary>
/// The shared health endpoints (<see cref="KavachHealthEndpoints"/>) as the key manager serves them: only an
/// authenticated operator allowed by the <see cref="DetailRule"/> rule (default: the <c>KEY_ADMIN</c> roles) is told why
/// the server is not ready, and both are described in the OpenAPI document.
/// </summary>
public static class HealthEndpoints
{
    /// <summary>The access rule whose roles see the readiness checks and their reasons.</summary>
    public const string DetailRule = "gethealthready";

    /// <summary>Maps the health endpoints (anonymous).</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var routes = app.MapKavachHealth(static http =>
            http.RequestServices.GetRequiredService<AccessRuleTable>().Find(DetailRule)?.Allows(http.User) == true);
        routes.Live
            .Produces<HealthReport>()
            .Describe("getLiveness", ApiTags.Health, "Tells that the process runs (always UP while it answers)");
        routes.Ready
            .Produces<HealthReport>()
            .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
            .Describe(
                "getReadiness",
                ApiTags.Health,
                "Tells whether the database and the key vault are reachable (HTTP 503 when not)",
                description: "Anonymous callers get UP or DOWN; an operator allowed by the `gethealthready` rule also gets each check.");
    }
}
