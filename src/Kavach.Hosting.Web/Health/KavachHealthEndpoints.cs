using System.Runtime.CompilerServices;
using Kavach.Hosting.Startup;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Hosting.Web.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (key manager started, database and vault
/// reachable), the same on every Kavach host. Anyone may ask; only a caller the host's <c>showChecks</c> admits is told
/// why the host is not ready — anyone else gets UP or DOWN, and the reason goes to the log.
/// </summary>
public static partial class KavachHealthEndpoints
{
    /// <summary>The liveness path.</summary>
    public const string LivePath = "/health/live";

    /// <summary>The readiness path.</summary>
    public const string ReadyPath = "/health/ready";

    /// <summary>True for either health path (hosts let them through without credentials).</summary>
    public static bool IsHealth(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.Equals(LivePath, StringComparison.OrdinalIgnoreCase) || request.Path.Equals(ReadyPath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Maps both endpoints (anonymous); <paramref name="showChecks"/> says who sees each readiness check.</summary>
    public static HealthRoutes MapKavachHealth(this IEndpointRouteBuilder app, Func<HttpContext, bool> showChecks)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(showChecks);
        var live = app.MapGet(LivePath, () => Results.Json(new HealthReport("UP", new Dictionary<string, string>()), HealthJsonContext.Default.HealthReport));

        var logger = app.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KavachHealthEndpoints).FullName!);
        var lastLogged = new StrongBox<string?>(null);
        var ready = app.MapGet(ReadyPath, async (HttpContext http, KavachReadiness readiness, IKeyStore store, IKeyVault vaultService, VaultHealthGate gate, CancellationToken ct) =>
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
            return Results.Json(
                new HealthReport(ready ? "UP" : "DOWN", showChecks(http) ? checks : null),
                HealthJsonContext.Default.HealthReport,
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return new HealthRoutes(live, ready);
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
