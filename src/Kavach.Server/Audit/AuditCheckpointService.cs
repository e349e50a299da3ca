using Kavach.Hosting.Startup;
using Kavach.Keys.Audit;
using Kavach.Keys.Vault;
using Polly;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace Kavach.Server.Audit;

/// <summary>
/// Once the key manager is ready: records <c>system.start</c>, makes a checkpoint, and then one every
/// <see cref="AuditOptions.CheckpointEveryMinutes"/> when records are uncovered (the count-based ones come from the
/// trail itself). Also logs the trail's background checkpoint results, so checkpoint heads reach the log as an external
/// anchor.
/// </summary>
internal sealed class AuditCheckpointService : BackgroundService
{
    private readonly KavachReadiness _readiness;
    private readonly AuditTrail _trail;
    private readonly IKeyVault _vault;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpointService> _logger;
    private readonly ResiliencePipeline _untilDone;

    public AuditCheckpointService(KavachReadiness readiness, AuditTrail trail, IKeyVault vault, IOptions<KavachOptions> options, TimeProvider time, ILogger<AuditCheckpointService> logger)
    {
        _readiness = readiness;
        _trail = trail;
        _vault = vault;
        _options = options.Value.Audit;
        _time = time;
        _logger = logger;

        // The start-up record and the first checkpoint are each retried until they succeed (the database may be busy
        // or briefly unreachable), each failure logged.
        _untilDone = RetryUntilDone.Create(time, TimeSpan.FromSeconds(1), _ => true, (fault, _) => AuditLog.CheckpointFailed(_logger, fault.GetType().Name, fault));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            await _readiness.WhenReady(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var trail = _trail;
        trail.CheckpointCreated += checkpoint => AuditLog.CheckpointCreated(_logger, checkpoint.Seq, checkpoint.RecordHash, checkpoint.CertificateThumbprint);
        trail.CheckpointFailed += e => AuditLog.CheckpointFailed(_logger, e.GetType().Name, e);

        // After the start-up record and the first checkpoint, one checkpoint per period.
        var start = new AuditEntry
        {
            Time = _time.GetUtcNow().UtcDateTime,
            Actor = "SYSTEM",
            Operation = "system.start",
            Outcome = AuditOutcomes.Success,
            Detail = "vault=" + _vault.Kind,
        };
        try
        {
            await _untilDone.ExecuteAsync(async ct => await trail.AppendAsync(start, ct), stoppingToken);
            await _untilDone.ExecuteAsync(async ct => await CheckpointAsync(trail, ct), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (_options.CheckpointEveryMinutes <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(_options.CheckpointEveryMinutes), _time);
        while (await Tick(timer, stoppingToken))
        {
            await RunOnceAsync(() => CheckpointAsync(trail, stoppingToken));
        }

        async Task<bool> RunOnceAsync(Func<Task> action)
        {
            try
            {
                await action();
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return true;
            }
#pragma warning disable CA1031 // a failed checkpoint is logged and retried
            catch (Exception e)
#pragma warning restore CA1031
            {
                AuditLog.CheckpointFailed(_logger, e.GetType().Name, e);
                return false;
            }
        }
    }

    private async Task CheckpointAsync(AuditTrail trail, CancellationToken stoppingToken)
    {
        if (await trail.CheckpointAsync(stoppingToken) is { } checkpoint)
        {
            AuditLog.CheckpointCreated(_logger, checkpoint.Seq, checkpoint.RecordHash, checkpoint.CertificateThumbprint);
        }
    }

    private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
