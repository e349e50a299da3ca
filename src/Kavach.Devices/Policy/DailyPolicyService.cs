using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Policy;

/// <summary>
/// Runs <see cref="DailyPolicyJob"/> once a day from <see cref="DevicePolicyOptions.RunAtUtcHour"/> UTC: a
/// <see cref="PeriodicTimer"/> on the injected clock wakes every <see cref="DevicePolicyOptions.TimerInterval"/>, and
/// the run table decides which replica runs the day. A failed run is logged; the next day runs again.
/// </summary>
public sealed class DailyPolicyService : BackgroundService
{
    private readonly DailyPolicyJob _job;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private DateOnly? _lastDayTried;

    /// <summary>Creates the service.</summary>
    public DailyPolicyService(DailyPolicyJob job, TimeProvider time, ILogger<DailyPolicyService> logger)
    {
        _job = job;
        _time = time;
        _logger = logger;
    }

    /// <summary>One tick: runs the day's job when its hour has come and this replica has not tried today. Returns the report when it ran it.</summary>
    public async Task<DailyPolicyReport?> TickAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (now.Hour < _job.Options.RunAtUtcHour || _lastDayTried == today)
        {
            return null;
        }

        // Tried once per day per replica, whatever the outcome: the run table already says whether anyone ran it.
        _lastDayTried = today;
        return await _job.RunIfDueAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_job.Options.TimerInterval, _time);
        do
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                PolicyLog.ServiceFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
