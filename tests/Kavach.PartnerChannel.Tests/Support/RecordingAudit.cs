using System.Collections.Concurrent;
using Kavach.PartnerChannel.Auditing;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>Keeps every audit event.</summary>
internal sealed class RecordingAudit : IPartnerChannelAudit
{
    private readonly ConcurrentQueue<PartnerChannelAuditEvent> _events = new();

    public IReadOnlyList<PartnerChannelAuditEvent> Events => [.. _events];

    public ValueTask RecordAsync(PartnerChannelAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
