using Kavach.Keys.Audit;

namespace Kavach.Devices.Policy;

/// <summary>
/// Operations events in the key manager's tamper-evident audit trail: application <c>DEVICE</c>, the serial as the
/// reference id, the outcome (<c>OK</c> or the KER-DEV code) and the detail pairs.
/// </summary>
public sealed class AuditTrailDeviceOperationsAudit : IDeviceOperationsAudit
{
    /// <summary>The application id device events are recorded under.</summary>
    public const string ApplicationId = "DEVICE";

    private readonly AuditTrail _trail;

    /// <summary>Records into <paramref name="trail"/>.</summary>
    public AuditTrailDeviceOperationsAudit(AuditTrail trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        _trail = trail;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(DeviceOperationEvent operationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operationEvent);
        await _trail.AppendAsync(
            new AuditEntry
            {
                Time = operationEvent.Time.UtcDateTime,
                Actor = operationEvent.Actor,
                AuthMethod = operationEvent.Actor.StartsWith("device:", StringComparison.Ordinal) ? "DeviceCertificate" : null,
                Operation = operationEvent.Operation,
                AppId = ApplicationId,
                RefId = operationEvent.SerialNo,
                Outcome = operationEvent.Outcome,
                Detail = operationEvent.Detail,
            },
            cancellationToken);
    }
}
