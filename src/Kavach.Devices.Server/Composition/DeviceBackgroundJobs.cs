using Kavach.Devices.Deregistration;
using Kavach.Devices.Policy;
using Kavach.Devices.Updates.Timestamps;

namespace Kavach.Devices.Server.Composition;

/// <summary>
/// The server's periodic work: the update timestamp refresh (hourly, by <see cref="TimestampService.RunAsync"/>) and
/// the daily policy job (CA steps, rotation offers, expiries) with the overdue de-registrations, tried every hour after
/// a first delay and run once per UTC day by whichever replica claims it. A failed run is logged and tried again at the
/// next tick.
/// </summary>
internal sealed partial class DeviceBackgroundJobs(
    TimestampService timestamps,
    DailyPolicyJob dailyJob,
    DeregistrationService deregistrations,
    TimeProvider time,
    ILogger<DeviceBackgroundJobs> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDailyRun = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DailyTick = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(timestamps.RunAsync(stoppingToken), RunDailyAsync(stoppingToken));

    private async Task RunDailyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstDailyRun, time, stoppingToken);
            using var timer = new PeriodicTimer(DailyTick, time);
            do
            {
                try
                {
                    // The replica that claims today's policy run also completes overdue de-registrations.
                    if (await dailyJob.RunIfDueAsync(stoppingToken) is not null)
                    {
                        await deregistrations.RevokeOverdueAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogDailyJobFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily device policy job failed; it is tried again within the hour")]
    private static partial void LogDailyJobFailed(ILogger logger, Exception exception);
}
