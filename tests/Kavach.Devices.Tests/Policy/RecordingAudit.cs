using System.Collections.Concurrent;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Keeps every operations event, for assertions.</summary>
internal sealed class RecordingAudit : IDeviceAudit
{
    private readonly ConcurrentQueue<DeviceAuditEvent> _events = new();

    public IReadOnlyList<DeviceAuditEvent> Events => [.. _events];

    public ValueTask RecordAsync(DeviceAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<DeviceAuditEvent> Of(string operation) => [.. _events.Where(e => e.Operation == operation)];
}
