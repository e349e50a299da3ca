using System.Runtime.CompilerServices;
using Kavach.Hosting.Startup;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;
using Kavach.Server.Http;
using Kavach.Server.OpenApi;
using Kavach.Server.Security.Authorization;

namespace Kavach.Server.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (database and vault reachable). Anyone may ask;
/// only an authenticated operator allowed by the <see cref="DetailRule"/> rule (default: the <c>KEY_ADMIN</c> roles)
/// is told why the server is not ready — anonymous callers get UP or DOWN, the reason goes to the log.
/// </summary>
public static partial class HealthEndpoints
{
    /// <summary>The access rule whose roles see the readiness checks and their reasons.</summary>
    public const string DetailRule = "gethealthready";

    /// <summary>Maps the health endpoints (anonymous).</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health/live", () => Results.Json(new HealthReport("UP", new Dictionary<string, string>()), KavachJsonContext.Default.HealthReport))
            .Produces<HealthReport>()
            .Describe("getLiveness", ApiTags.Health, "Tells that the process runs (always UP while it answers)");

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HealthEndpoints).FullName!);
        var lastLogged = new StrongBox<string?>(null);
        app.MapGet("/health/ready", async (HttpContext http, KavachReadiness readiness, IKeyStore store, IKeyVault vaultService, VaultHealthGate gate, AccessRuleTable rules, CancellationToken ct) =>
        {
            var checks = new Dictionary<string, string>(StringComparer.Ordinal);
            var ready = readiness.IsReady;
            if (!ready)
            {
                checks["startup"] = readiness.Status;
            }
            else
            {
                var database = await store.IsReachableAsync(ct);
                var vault = await vaultService.GetStatusAsync(ct);

                // Every probe also decides whether cached private keys may be used.
                gate.Report(vault);
                checks["database"] = database ? "UP" : "DOWN";
                checks["vault"] = vault.IsReady ? "UP" : $"DOWN: {vault.Description}";
                ready = database && vault.IsReady;
            }

            LogTransition(logger, lastLogged, ready, checks);
            var detailed = rules.Find(DetailRule)?.Allows(http.User) == true;
            return Results.Json(
                new HealthReport(ready ? "UP" : "DOWN", detailed ? checks : null),
                KavachJsonContext.Default.HealthReport,
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        })
        .Produces<HealthReport>()
        .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable)
        .Describe(
            "getReadiness",
            ApiTags.Health,
            "Tells whether the database and the key vault are reachable (HTTP 503 when not)",
            description: "Anonymous callers get UP or DOWN; an operator allowed by the `gethealthready` rule also gets each check.");
    }

    // Load balancers probe every few seconds: the reason is logged when it changes, not on every probe.
    private static void LogTransition(ILogger logger, StrongBox<string?> lastLogged, bool ready, Dictionary<string, string> checks)
    {
        var reason = ready ? null : string.Join("; ", checks.Select(c => c.Key + "=" + c.Value));
        var previous = Interlocked.Exchange(ref lastLogged.Value, reason);
        if (string.Equals(previous, reason, StringComparison.Ordinal))
        {
            return;
        }

        if (reason is null)
        {
            LogReady(logger);
        }
        else
        {
            LogNotReady(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready: {Reason}")]
    private static partial void LogNotReady(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready again")]
    private static partial void LogReady(ILogger logger);
}
