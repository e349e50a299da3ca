using System.Collections.Concurrent;
using Kavach.Devices.Updates;

namespace Kavach.Devices.Tests.Updates;

/// <summary>Keeps every update audit event, in order.</summary>
internal sealed class RecordingUpdateAudit : IUpdateAudit
{
    private readonly ConcurrentQueue<UpdateAuditEvent> _events = new();

    public IReadOnlyList<UpdateAuditEvent> Events => [.. _events];

    public ValueTask RecordAsync(UpdateAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<UpdateAuditEvent> Of(string operation) => [.. _events.Where(e => e.Operation == operation)];
}
