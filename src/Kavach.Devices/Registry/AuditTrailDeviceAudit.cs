using Kavach.Keys.Audit;

namespace Kavach.Devices.Registry;

/// <summary>
/// Device events in Kavach's tamper-evident audit trail (application id <c>DEVICES</c>, the subject as the reference
/// id), with the administrator's <see cref="DeviceAuditReason"/> when one is current. A trail that does not answer
/// in time throws <see cref="AuditUnavailableException"/>: the caller fails closed.
/// </summary>
public sealed class AuditTrailDeviceAudit : IDeviceAudit
{
    /// <summary>The application id device events are recorded under.</summary>
    public const string ApplicationId = "DEVICES";

    private readonly AuditTrail _trail;

    /// <summary>Records into <paramref name="trail"/>.</summary>
    public AuditTrailDeviceAudit(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        _trail = trail;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(DeviceAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await _trail.AppendAsync(
            new AuditEntry
            {
                Time = auditEvent.Time.UtcDateTime,
                Actor = auditEvent.Actor,
                Operation = auditEvent.Operation,
                AppId = ApplicationId,
                RefId = auditEvent.Subject,
                Outcome = auditEvent.Outcome,
                Detail = Sanitise(WithReason(auditEvent.Detail)),
            },
            cancellationToken);
    }

    // The administrator's reason for the action in progress (already cleaned and quoted), after the action's own pairs.
    private static string? WithReason(string? detail) =>
        DeviceAuditReason.Current is not { } reason ? detail
        : string.IsNullOrEmpty(detail) ? reason
        : detail + " " + reason;

    // Detail is name=value pairs separated by spaces: control characters could forge a second line in an export.
    private static string? Sanitise(string? detail) =>
        detail is null ? null : string.Concat(detail.Select(c => char.IsControl(c) ? '_' : c));
}
