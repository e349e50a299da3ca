using Kavach.Server.Composition;
using Kavach.Server.Http;

namespace Kavach.Server.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (database and vault reachable).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the health endpoints (anonymous).</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Json(new HealthReport("UP", new Dictionary<string, string>()), KavachJsonContext.Default.HealthReport));

        app.MapGet("/health/ready", async (RuntimeHolder holder, CancellationToken ct) =>
        {
            var checks = new Dictionary<string, string>(StringComparer.Ordinal);
            var ready = holder.IsReady;
            if (!ready)
            {
                checks["startup"] = holder.Status;
            }
            else
            {
                var runtime = holder.Current;
                var database = await runtime.Store.IsReachableAsync(ct);
                var vault = await runtime.Vault.GetStatusAsync(ct);
                checks["database"] = database ? "UP" : "DOWN";
                checks["vault"] = vault.IsReady ? "UP" : $"DOWN: {vault.Description}";
                ready = database && vault.IsReady;
            }

            return Results.Json(
                new HealthReport(ready ? "UP" : "DOWN", checks),
                KavachJsonContext.Default.HealthReport,
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
