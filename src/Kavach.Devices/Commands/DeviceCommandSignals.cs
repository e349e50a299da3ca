using System.Collections.Concurrent;

namespace Kavach.Devices.Commands;

/// <summary>
/// Wakes this replica's long-polls of a device when a command for it is queued here; commands queued on another
/// replica are found by the long-poll's periodic re-read instead.
/// </summary>
public sealed class DeviceCommandSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Notify"/> for <paramref name="serialNo"/>.</summary>
    public Task WaitAsync(string serialNo) =>
        _waiters.GetOrAdd(serialNo, static _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes every waiter of <paramref name="serialNo"/>.</summary>
    public void Notify(string serialNo)
    {
        if (_waiters.TryRemove(serialNo, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
