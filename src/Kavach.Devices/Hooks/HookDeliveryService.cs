using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Hooks;

/// <summary>The background sender of the hook outbox: every <see cref="HookOptions.PollInterval"/> it runs <see cref="HookDispatcher.DeliverDueAsync"/>.</summary>
public sealed partial class HookDeliveryService : BackgroundService
{
    private readonly HookDispatcher _dispatcher;
    private readonly HookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HookDeliveryService> _logger;

    /// <summary>Creates the service.</summary>
    public HookDeliveryService(HookDispatcher dispatcher, HookOptions options, TimeProvider time, ILogger<HookDeliveryService> logger)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _dispatcher = dispatcher;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _time);
        do
        {
            try
            {
                await _dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the database or vault may be down for a while: the next tick tries again
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogPassFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(EventId = 1613, Level = LogLevel.Warning, Message = "Hook delivery pass failed; the next pass tries again.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
