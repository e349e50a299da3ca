using Kavach.Keys.Audit;
using Kavach.Server.Composition;
using Kavach.Hosting.Configuration;
using Microsoft.Extensions.Options;

namespace Kavach.Server.Audit;

/// <summary>
/// Once the runtime is open: records <c>system.start</c>, makes a checkpoint, and then one every
/// <see cref="AuditOptions.CheckpointEveryMinutes"/> when records are uncovered (the count-based ones come from the
/// trail itself). Also logs the trail's background checkpoint results, so checkpoint heads reach the log as an external
/// anchor.
/// </summary>
internal sealed class AuditCheckpointService : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private readonly RuntimeHolder _holder;
    private readonly RuntimeStarter _starter;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditCheckpointService> _logger;

    public AuditCheckpointService(RuntimeHolder holder, RuntimeStarter starter, IOptions<KavachOptions> options, TimeProvider time, ILogger<AuditCheckpointService> logger)
    {
        _holder = holder;
        _starter = starter;
        _options = options.Value.Audit;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        try
        {
            await _starter.Started.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var runtime = _holder.Current;
        var trail = runtime.Audit;
        trail.CheckpointCreated += checkpoint => AuditLog.CheckpointCreated(_logger, checkpoint.Seq, checkpoint.RecordHash, checkpoint.CertificateThumbprint);
        trail.CheckpointFailed += e => AuditLog.CheckpointFailed(_logger, e.GetType().Name, e);

        // The start-up record and the first checkpoint are each retried until they succeed (the database may be busy
        // or briefly unreachable); after that, one checkpoint per period.
        var start = new AuditEntry
        {
            Time = _time.GetUtcNow().UtcDateTime,
            Actor = "SYSTEM",
            Operation = "system.start",
            Outcome = AuditOutcomes.Success,
            Detail = "vault=" + runtime.Vault.Kind,
        };
        if (!await RetryAsync(() => trail.AppendAsync(start, stoppingToken)) || !await RetryAsync(() => CheckpointAsync(trail, stoppingToken)))
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

        async Task<bool> RetryAsync(Func<Task> action)
        {
            var delay = TimeSpan.FromSeconds(1);
            while (!await RunOnceAsync(action))
            {
                if (!await DelayAsync(delay, stoppingToken))
                {
                    return false;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }

            return !stoppingToken.IsCancellationRequested;
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

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
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
