using Kavach.Hosting.Startup;
using Kavach.Trust.Channel;

namespace Kavach.Gateway.Replay;

/// <summary>
/// Forgets replay-ledger entries that left the time window, every minute once the key manager is ready, so the table
/// holds about two windows of requests. With several replicas each purges; the deletes are idempotent.
/// </summary>
internal sealed partial class ReplayLedgerPurger : BackgroundService
{
    /// <summary>How often the ledger is purged.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly IReplayLedger _ledger;
    private readonly KavachReadiness _readiness;
    private readonly TimeProvider _time;
    private readonly ILogger<ReplayLedgerPurger> _logger;

    public ReplayLedgerPurger(IReplayLedger ledger, KavachReadiness readiness, TimeProvider time, ILogger<ReplayLedgerPurger> logger)
    {
        _ledger = ledger;
        _readiness = readiness;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _readiness.WhenReady(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await PurgeOnceAsync(stoppingToken);
                await Task.Delay(Interval, _time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>One purge; a database fault is logged and the next minute tries again.</summary>
    internal async Task<int> PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var purged = await _ledger.PurgeExpiredAsync(_time.GetUtcNow(), cancellationToken);
            if (purged > 0)
            {
                LogPurged(_logger, purged);
            }

            return purged;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // a failed purge must not stop the gateway; replays are still refused, the table only grows
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPurgeFailed(_logger, e.GetType().Name);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replay ledger: {Count} expired entries purged")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay ledger not purged ({Fault}); retrying in a minute")]
    private static partial void LogPurgeFailed(ILogger logger, string fault);
}
