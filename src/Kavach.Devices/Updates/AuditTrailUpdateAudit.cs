using Kavach.Keys.Audit;

namespace Kavach.Devices.Updates;

/// <summary>Update events in Kavach's tamper-evident audit trail (application id <c>DEVICE_UPDATES</c>).</summary>
public sealed class AuditTrailUpdateAudit : IUpdateAudit
{
    private readonly AuditTrail _trail;

    /// <summary>Writes to <paramref name="trail"/>.</summary>
    public AuditTrailUpdateAudit(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        _trail = trail;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(UpdateAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await _trail.AppendAsync(
            new AuditEntry
            {
                Time = auditEvent.Time.UtcDateTime,
                Actor = auditEvent.Actor,
                Operation = auditEvent.Operation,
                AppId = "DEVICE_UPDATES",
                Outcome = auditEvent.Outcome,
                Detail = auditEvent.Detail,
            },
            cancellationToken);
    }
}
