using System.Collections.Concurrent;
using Kavach.Devices.Commands;

namespace Kavach.Devices.Tests.Commands;

/// <summary>Counts the time-outs it is told of.</summary>
internal sealed class CountingObserver : IDeviceCommandObserver
{
    private readonly ConcurrentQueue<DeviceCommandRecord> _timedOut = new();

    public IReadOnlyList<DeviceCommandRecord> TimedOut => [.. _timedOut];

    public ValueTask OnTimedOutAsync(DeviceCommandRecord command, CancellationToken cancellationToken)
    {
        _timedOut.Enqueue(command);
        return ValueTask.CompletedTask;
    }
}
