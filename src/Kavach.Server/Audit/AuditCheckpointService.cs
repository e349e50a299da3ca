using Kavach.Keys.Audit;
using Kavach.Server.Composition;
using Kavach.Server.Configuration;
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
        await RunOnceAsync(() => trail.AppendAsync(
            new AuditEntry
            {
                Time = _time.GetUtcNow().UtcDateTime,
                Actor = "SYSTEM",
                Operation = "system.start",
                Outcome = AuditOutcomes.Success,
                Detail = "vault=" + runtime.Vault.Kind,
            },
            stoppingToken));

        using var timer = _options.CheckpointEveryMinutes > 0 ? new PeriodicTimer(TimeSpan.FromMinutes(_options.CheckpointEveryMinutes), _time) : null;
        do
        {
            await RunOnceAsync(async () =>
            {
                if (await trail.CheckpointAsync(stoppingToken) is { } checkpoint)
                {
                    AuditLog.CheckpointCreated(_logger, checkpoint.Seq, checkpoint.RecordHash, checkpoint.CertificateThumbprint);
                }
            });
        }
        while (timer is not null && !stoppingToken.IsCancellationRequested && await Tick(timer, stoppingToken));

        async Task RunOnceAsync(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // a failed checkpoint is logged and retried at the next tick
            catch (Exception e)
#pragma warning restore CA1031
            {
                AuditLog.CheckpointFailed(_logger, e.GetType().Name, e);
            }
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
