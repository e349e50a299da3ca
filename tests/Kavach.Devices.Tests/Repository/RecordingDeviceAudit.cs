using System.Collections.Concurrent;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Repository;

/// <summary>An audit sink that keeps what it is given, for assertions.</summary>
internal sealed class RecordingDeviceAudit : IDeviceAudit
{
    private readonly ConcurrentQueue<DeviceAuditEvent> _events = new();

    public IReadOnlyList<DeviceAuditEvent> Events => [.. _events];

    public ValueTask RecordAsync(DeviceAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
