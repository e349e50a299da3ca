using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Storage.Devices;

namespace Kavach.Storage;

/// <summary>The central repository's tables (migration 0009) on the store's database; the statements live in <see cref="SqlDeviceRepository"/>.</summary>
internal sealed partial class SqlKeyStore : IDeviceApprovalStore, IDeviceProviderStore, IDeviceModelStore, IWhitelistStore
{
    private SqlDeviceRepository? _deviceRepository;

    private SqlDeviceRepository DeviceRepository => LazyInitializer.EnsureInitialized(ref _deviceRepository, () => new SqlDeviceRepository(this));

    /// <inheritdoc />
    public Task<bool> TryInsertApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken) =>
        DeviceRepository.TryInsertApprovalAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<ApprovalRequest?> GetApprovalAsync(string id, CancellationToken cancellationToken) =>
        DeviceRepository.GetApprovalAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ApprovalRequest>> ListApprovalsAsync(ApprovalState? state, ApprovalKind? kind, int limit, CancellationToken cancellationToken) =>
        DeviceRepository.ListApprovalsAsync(state, kind, limit, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryMoveApprovalAsync(string id, ApprovalState from, ApprovalState to, string? decidedBy, DateTimeOffset? decidedAt, string? outcome, DateTimeOffset? onlyIfDecidedBefore, CancellationToken cancellationToken) =>
        DeviceRepository.TryMoveApprovalAsync(id, from, to, decidedBy, decidedAt, outcome, onlyIfDecidedBefore, cancellationToken);
    /// <inheritdoc />
    public Task<bool> TryInsertProviderAsync(DeviceProviderRecord provider, CancellationToken cancellationToken) =>
        DeviceRepository.TryInsertProviderAsync(provider, cancellationToken);

    /// <inheritdoc />
    public Task<DeviceProviderRecord?> GetProviderAsync(string providerId, CancellationToken cancellationToken) =>
        DeviceRepository.GetProviderAsync(providerId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceProviderRecord>> ListProvidersAsync(CancellationToken cancellationToken) =>
        DeviceRepository.ListProvidersAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertModelAsync(DeviceModelRecord model, CancellationToken cancellationToken) =>
        DeviceRepository.TryInsertModelAsync(model, cancellationToken);

    /// <inheritdoc />
    public Task<DeviceModelRecord?> GetModelAsync(string id, CancellationToken cancellationToken) =>
        DeviceRepository.GetModelAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<DeviceModelRecord?> FindModelAsync(string providerId, string make, string model, CancellationToken cancellationToken) =>
        DeviceRepository.FindModelAsync(providerId, make, model, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DeviceModelRecord>> ListModelsAsync(string? providerId, CancellationToken cancellationToken) =>
        DeviceRepository.ListModelsAsync(providerId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetModelActiveAsync(string id, bool active, string updatedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        DeviceRepository.TrySetModelActiveAsync(id, active, updatedBy, at, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryInsertBatchAsync(WhitelistBatchRecord batch, IReadOnlyList<WhitelistEntry> entries, CancellationToken cancellationToken) =>
        DeviceRepository.TryInsertBatchAsync(batch, entries, cancellationToken);

    /// <inheritdoc />
    public Task<WhitelistBatchRecord?> GetBatchAsync(string batchId, CancellationToken cancellationToken) =>
        DeviceRepository.GetBatchAsync(batchId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WhitelistBatchRecord>> ListBatchesAsync(WhitelistBatchState? state, int limit, CancellationToken cancellationToken) =>
        DeviceRepository.ListBatchesAsync(state, limit, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WhitelistEntry>> ListEntriesAsync(string batchId, CancellationToken cancellationToken) =>
        DeviceRepository.ListEntriesAsync(batchId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> FindKnownSerialsAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken) =>
        DeviceRepository.FindKnownSerialsAsync(serials, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<KnownSerial>> DescribeKnownSerialsAsync(IReadOnlyList<string> serials, CancellationToken cancellationToken) =>
        DeviceRepository.DescribeKnownSerialsAsync(serials, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryAdmitDevicesAsync(IReadOnlyList<DeviceRecord> added, IReadOnlyList<DeviceReadmission> readmitted, CancellationToken cancellationToken) =>
        DeviceRepository.TryAdmitDevicesAsync(added, readmitted, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TrySetBatchApprovalAsync(string batchId, string approvalId, CancellationToken cancellationToken) =>
        DeviceRepository.TrySetBatchApprovalAsync(batchId, approvalId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryDecideBatchAsync(string batchId, WhitelistBatchState to, string decidedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        DeviceRepository.TryDecideBatchAsync(batchId, to, decidedBy, at, cancellationToken);
}
