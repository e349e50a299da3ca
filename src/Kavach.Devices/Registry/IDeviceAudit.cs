namespace Kavach.Devices.Registry;

/// <summary>
/// Where device-management events go: the key manager's hash-chained audit trail in a host
/// (<see cref="AuditTrailDeviceAudit"/>). Recording waits for the commit and throws when the trail cannot take the
/// event, so an action that must be audited fails closed.
/// </summary>
public interface IDeviceAudit
{
    /// <summary>Appends <paramref name="auditEvent"/> and waits until it is committed.</summary>
    ValueTask RecordAsync(DeviceAuditEvent auditEvent, CancellationToken cancellationToken);
}
