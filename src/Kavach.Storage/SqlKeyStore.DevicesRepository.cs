using Kavach.Devices.Repository.Approvals;
using Kavach.Storage.Devices;

namespace Kavach.Storage;

/// <summary>The central repository's tables (migration 0009) on the store's database; the statements live in <see cref="SqlDeviceRepository"/>.</summary>
internal sealed partial class SqlKeyStore : IDeviceApprovalStore
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
}
