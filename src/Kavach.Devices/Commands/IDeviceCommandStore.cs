namespace Kavach.Devices.Commands;

/// <summary>
/// The command queue (table <c>device_command</c>). Every state change is one conditional UPDATE on the state the
/// caller saw, so two replicas never both deliver, complete or re-queue one command: the loser gets false and re-reads.
/// </summary>
public interface IDeviceCommandStore
{
    /// <summary>Queues a new command; false, and nothing written, when its id exists.</summary>
    Task<bool> TryInsertCommandAsync(DeviceCommandRecord command, CancellationToken cancellationToken);

    /// <summary>The command with this id, or null.</summary>
    Task<DeviceCommandRecord?> GetCommandAsync(string cmdId, CancellationToken cancellationToken);

    /// <summary>A device's commands, newest first, optionally only in one state.</summary>
    Task<IReadOnlyList<DeviceCommandRecord>> ListCommandsAsync(string serialNo, DeviceCommandState? state, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a queued, unexpired command to <see cref="DeviceCommandState.Delivered"/> at <paramref name="at"/>, counting
    /// one more attempt; false when it was no longer queued with <paramref name="expectedAttempts"/> attempts (another
    /// replica delivered it) or has expired.
    /// </summary>
    Task<bool> TryMarkDeliveredAsync(string cmdId, int expectedAttempts, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a command from <paramref name="from"/> (with <paramref name="expectedAttempts"/> attempts) to
    /// <paramref name="to"/>; with a final <paramref name="to"/> it stores <paramref name="result"/> and the completion
    /// time. False when another writer moved it first.
    /// </summary>
    Task<bool> TryChangeStateAsync(string cmdId, DeviceCommandState from, int expectedAttempts, DeviceCommandState to, string? result, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Open commands (of one device, or of all when <paramref name="serialNo"/> is null) that need a decision at
    /// <paramref name="now"/>: queued or delivered past their expiry, or delivered at or before
    /// <paramref name="deliveredBefore"/> without a result.
    /// </summary>
    Task<IReadOnlyList<DeviceCommandRecord>> ListOverdueAsync(string? serialNo, DateTimeOffset now, DateTimeOffset deliveredBefore, int limit, CancellationToken cancellationToken);
}
