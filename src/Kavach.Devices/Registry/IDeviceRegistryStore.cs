namespace Kavach.Devices.Registry;

/// <summary>
/// The device registry (table <c>device</c>): one row per serial, moved between states with optimistic concurrency.
/// Implemented by Kavach.Storage on SQLite and PostgreSQL; every replica reads it on every device request, so a state
/// change holds from the next request everywhere.
/// </summary>
public interface IDeviceRegistryStore
{
    /// <summary>The device with this serial, or null.</summary>
    Task<DeviceRecord?> GetDeviceAsync(string serialNo, CancellationToken cancellationToken);

    /// <summary>The device with this management id, or null.</summary>
    Task<DeviceRecord?> GetDeviceByMgmtIdAsync(string mgmtId, CancellationToken cancellationToken);

    /// <summary>A page of devices in serial order.</summary>
    Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(DeviceQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The registry counted by provider, make, model and state (one GROUP BY in the database, never a scan in memory),
    /// optionally of one provider only; ordered by provider, make, model and state.
    /// </summary>
    Task<IReadOnlyList<DeviceGroupCount>> CountDevicesAsync(string? providerId, CancellationToken cancellationToken);

    /// <summary>Inserts new devices (whitelist approval) in one transaction; false, and nothing written, when any serial exists.</summary>
    Task<bool> TryInsertDevicesAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the row when its stored version is <paramref name="expectedVersion"/>, storing
    /// <c>expectedVersion + 1</c>; false when another writer got there first (the caller re-reads and decides again).
    /// </summary>
    Task<bool> TryUpdateDeviceAsync(DeviceRecord device, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="seq"/> as the device's last sequence number only if it is greater than the stored one,
    /// atomically (one conditional UPDATE), so a replayed or reordered message loses even across replicas.
    /// </summary>
    Task<bool> TryAdvanceSequenceAsync(string serialNo, long seq, DateTimeOffset at, CancellationToken cancellationToken);
}
