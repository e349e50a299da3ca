using System.Collections.Concurrent;
using Kavach.Devices.Policy;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Keeps every operations event, for assertions.</summary>
internal sealed class RecordingAudit : IDeviceOperationsAudit
{
    private readonly ConcurrentQueue<DeviceOperationEvent> _events = new();

    public IReadOnlyList<DeviceOperationEvent> Events => [.. _events];

    public ValueTask RecordAsync(DeviceOperationEvent operationEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(operationEvent);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<DeviceOperationEvent> Of(string operation) => [.. _events.Where(e => e.Operation == operation)];
}
