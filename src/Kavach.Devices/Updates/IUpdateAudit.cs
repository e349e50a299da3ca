namespace Kavach.Devices.Updates;

/// <summary>Where update events go: the key manager's hash-chained audit trail (<see cref="AuditTrailUpdateAudit"/>). A failure to record throws, and the action fails closed.</summary>
public interface IUpdateAudit
{
    /// <summary>Records one event and waits until it is committed.</summary>
    ValueTask RecordAsync(UpdateAuditEvent auditEvent, CancellationToken cancellationToken);
}
