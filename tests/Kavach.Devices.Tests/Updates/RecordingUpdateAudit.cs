using Kavach.Devices.Registry;
using System.Collections.Concurrent;
using Kavach.Devices.Updates;

namespace Kavach.Devices.Tests.Updates;

/// <summary>Keeps every update audit event, in order.</summary>
internal sealed class RecordingUpdateAudit : IDeviceAudit
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
