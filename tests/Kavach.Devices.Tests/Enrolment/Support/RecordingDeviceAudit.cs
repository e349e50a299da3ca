using System.Collections.Concurrent;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Enrolment.Support;

/// <summary>Keeps every device audit event in memory, in order.</summary>
public sealed class RecordingDeviceAudit : IDeviceAudit
{
    private readonly ConcurrentQueue<DeviceAuditEvent> _events = new();

    public IReadOnlyList<DeviceAuditEvent> Events => [.. _events];

    public ValueTask RecordAsync(DeviceAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
