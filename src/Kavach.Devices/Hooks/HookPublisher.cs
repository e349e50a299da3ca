using Kavach.Devices.Registry;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Hooks;

/// <summary>
/// Queues the outbound hooks of a device event in the durable outbox; <see cref="HookDispatcher"/> delivers them.
/// A hook without a configured URL is skipped with a warning (the runbook step then stays manual).
/// </summary>
public sealed partial class HookPublisher
{
    private readonly IHookOutboxStore _outbox;
    private readonly HookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HookPublisher> _logger;

    /// <summary>Creates the publisher.</summary>
    public HookPublisher(IHookOutboxStore outbox, HookOptions options, TimeProvider time, ILogger<HookPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _outbox = outbox;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>A device was enrolled and confirmed: PMS registration.</summary>
    public async Task<IReadOnlyList<string>> DeviceRegisteredAsync(DeviceRecord device, string certSerial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var now = _time.GetUtcNow();
        return await QueueAsync([(HookKind.PmsDeviceRegistered, HookPayloads.PmsDevice(HookKind.PmsDeviceRegistered, device, certSerial, "enrolled", now))], device.SerialNo, now, cancellationToken);
    }

    /// <summary>
    /// A device was de-registered or compromised: PMS deactivation and the IDA hotlist block, so MOSIP stops trusting
    /// its certificate before <c>notAfter</c> (MOSIP does not read our CRL). Returns the delivery ids.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeviceDeactivatedAsync(DeviceRecord device, string? certSerial, string reasonCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var now = _time.GetUtcNow();
        return await QueueAsync(
            [
                (HookKind.PmsDeviceDeactivated, HookPayloads.PmsDevice(HookKind.PmsDeviceDeactivated, device, certSerial, reasonCode, now)),
                (HookKind.IdaHotlistBlock, HookPayloads.HotlistBlock(device, now)),
            ],
            device.SerialNo,
            now,
            cancellationToken);
    }

    /// <summary>Whether a PMS deactivation or IDA hotlist block about <paramref name="serialNo"/> was queued at or after <paramref name="since"/>.</summary>
    public async Task<bool> DeactivationQueuedSinceAsync(string serialNo, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await _outbox.ListDeliveriesAsync(serialNo, cancellationToken))
            .Any(d => d.Kind is HookKind.PmsDeviceDeactivated or HookKind.IdaHotlistBlock && d.CreatedAt >= since);

    private async Task<IReadOnlyList<string>> QueueAsync(IReadOnlyList<(HookKind Kind, byte[] Body)> hooks, string serialNo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        foreach (var (kind, body) in hooks)
        {
            if (_options.UrlOf(kind) is null)
            {
                LogNotConfigured(_logger, kind, serialNo);
                continue;
            }

            var id = Guid.NewGuid().ToString();
            await _outbox.EnqueueAsync(new HookDelivery(id, kind, serialNo, body, HookDeliveryState.Pending, 0, now, now), cancellationToken);
            ids.Add(id);
        }

        return ids;
    }

    [LoggerMessage(EventId = 1611, Level = LogLevel.Warning, Message = "Hook {Kind} for device {SerialNo} not queued: no URL is configured; the adopter must be told by hand.")]
    private static partial void LogNotConfigured(ILogger logger, HookKind kind, string serialNo);
}
