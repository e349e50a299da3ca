using Kavach.Hosting.Configuration;
using Kavach.Hosting.Startup;
using Microsoft.Extensions.Options;

namespace Kavach.Server.Observability;

/// <summary>
/// Keeps <see cref="KeyInventory"/> current once the key manager is ready: probes the database every
/// <see cref="TelemetryOptions.DatabaseProbeSeconds"/> and recounts the keys every
/// <see cref="TelemetryOptions.KeyInventorySeconds"/>, so scrapes never touch the database.
/// </summary>
internal sealed partial class TelemetryRefresher : BackgroundService
{
    private readonly KeyInventory _inventory;
    private readonly KavachReadiness _readiness;
    private readonly TimeProvider _time;
    private readonly TelemetryOptions _options;
    private readonly ILogger<TelemetryRefresher> _logger;

    public TelemetryRefresher(KeyInventory inventory, KavachReadiness readiness, TimeProvider time, IOptions<KavachOptions> options, ILogger<TelemetryRefresher> logger)
    {
        _inventory = inventory;
        _readiness = readiness;
        _time = time;
        _options = options.Value.Telemetry;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _readiness.WhenReady(stoppingToken);
            var probeEvery = TimeSpan.FromSeconds(_options.DatabaseProbeSeconds);
            var recountEvery = TimeSpan.FromSeconds(_options.KeyInventorySeconds);
            var nextRecount = _time.GetUtcNow();
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_time.GetUtcNow() >= nextRecount)
                {
                    nextRecount = _time.GetUtcNow() + recountEvery;
                    await RecountAsync(stoppingToken);
                }
                else
                {
                    await _inventory.ProbeDatabaseAsync(stoppingToken);
                }

                await Task.Delay(probeEvery, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RecountAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _inventory.RecountAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a failed recount must not stop the host; the last counts stay and the log says why
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The gauge says it (kavach_database_up 0); the log says why, once per attempt.
            LogRecountFailed(_logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key inventory for metrics not recounted ({Fault}); the last counts stay")]
    private static partial void LogRecountFailed(ILogger logger, string fault);
}
