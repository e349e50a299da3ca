using Kavach.Devices.Registry;
using Kavach.Storage.Devices;

namespace Kavach.Storage;

/// <summary>The device registry and device certificates (migration 0009) on the store's database; the statements live in <see cref="SqlDeviceRegistry"/>.</summary>
internal sealed partial class SqlKeyStore : IDeviceRegistryStore, IDeviceCertificateStore
{
    private SqlDeviceRegistry? _deviceRegistry;

    private SqlDeviceRegistry DeviceRegistry => LazyInitializer.EnsureInitialized(ref _deviceRegistry, () => new SqlDeviceRegistry(this));

    /// <inheritdoc />
    public Task<DeviceRecord?> GetDeviceAsync(string serialNo, CancellationToken cancellationToken) =>
        DeviceRegistry.GetDeviceAsync(serialNo, cancellationToken);

    /// <inheritdoc />
    public Task<DeviceRecord?> GetDeviceByMgmtIdAsync(string mgmtId, CancellationToken cancellationToken) =>
        DeviceRegistry.GetDeviceByMgmtIdAsync(mgmtId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(DeviceQuery query, CancellationToken cancellationToken) =>
        DeviceRegistry.ListDevicesAsync(query, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceGroupCount>> CountDevicesAsync(string? providerId, CancellationToken cancellationToken) =>
        DeviceRegistry.CountDevicesAsync(providerId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, DateTimeOffset>> GetActiveCertificateExpiriesAsync(IReadOnlyCollection<string> serialNos, CancellationToken cancellationToken) =>
        DeviceRegistry.GetActiveCertificateExpiriesAsync(serialNos, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertDevicesAsync(IReadOnlyList<DeviceRecord> devices, CancellationToken cancellationToken) =>
        DeviceRegistry.TryInsertDevicesAsync(devices, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryUpdateDeviceAsync(DeviceRecord device, long expectedVersion, CancellationToken cancellationToken) =>
        DeviceRegistry.TryUpdateDeviceAsync(device, expectedVersion, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryAdvanceSequenceAsync(string serialNo, long seq, DateTimeOffset at, CancellationToken cancellationToken) =>
        DeviceRegistry.TryAdvanceSequenceAsync(serialNo, seq, at, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertCertificateAsync(DeviceCertificateRecord certificate, CancellationToken cancellationToken) =>
        DeviceRegistry.TryInsertCertificateAsync(certificate, cancellationToken);

    /// <inheritdoc />
    public Task<DeviceCertificateRecord?> GetCertificateAsync(string certSerial, CancellationToken cancellationToken) =>
        DeviceRegistry.GetCertificateAsync(certSerial, cancellationToken);

    /// <inheritdoc />
    public Task<DeviceCertificateRecord?> FindBySpkiAsync(string spkiSha256, CancellationToken cancellationToken) =>
        DeviceRegistry.FindBySpkiAsync(spkiSha256, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListForDeviceAsync(string serialNo, CancellationToken cancellationToken) =>
        DeviceRegistry.ListForDeviceAsync(serialNo, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryChangeStatusAsync(string certSerial, DeviceCertificateStatus from, DeviceCertificateStatus to, string? reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        DeviceRegistry.TryChangeStatusAsync(certSerial, from, to, reason, at, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryActivateAsync(string certSerial, string? supersededCertSerial, string? supersededReason, DateTimeOffset at, CancellationToken cancellationToken) =>
        DeviceRegistry.TryActivateAsync(certSerial, supersededCertSerial, supersededReason, at, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListRevokedAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        DeviceRegistry.ListRevokedAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListPendingAsync(DateTimeOffset issuedBefore, CancellationToken cancellationToken) =>
        DeviceRegistry.ListPendingAsync(issuedBefore, cancellationToken);
}
