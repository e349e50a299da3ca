namespace Kavach.Devices.Policy;

/// <summary>Where operations events go: the key manager's hash-chained audit trail in a host (<see cref="AuditTrailDeviceOperationsAudit"/>), a recorder in tests.</summary>
public interface IDeviceOperationsAudit
{
    /// <summary>Records <paramref name="operationEvent"/> and returns once it is committed; throws when the trail cannot record it (the caller fails closed).</summary>
    ValueTask RecordAsync(DeviceOperationEvent operationEvent, CancellationToken cancellationToken);
}
