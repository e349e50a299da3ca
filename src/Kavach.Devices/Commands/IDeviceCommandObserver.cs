namespace Kavach.Devices.Commands;

/// <summary>Told when a command times out, so the feature that queued it can clean up (rotation revokes its pending certificate).</summary>
public interface IDeviceCommandObserver
{
    /// <summary>Called once, by the replica whose update moved <paramref name="command"/> to <see cref="DeviceCommandState.TimedOut"/>.</summary>
    ValueTask OnTimedOutAsync(DeviceCommandRecord command, CancellationToken cancellationToken);
}
