namespace Kavach.Devices.Repository.Approvals;

/// <summary>The four-eyes requests (table <c>device_approval</c>); every decision is one conditional update.</summary>
public interface IDeviceApprovalStore
{
    /// <summary>Records a new request; false, and nothing written, when its id exists or an open (Pending or Applying) request of the same kind has the same subject.</summary>
    Task<bool> TryInsertApprovalAsync(ApprovalRequest request, CancellationToken cancellationToken);

    /// <summary>The request with this id, or null.</summary>
    Task<ApprovalRequest?> GetApprovalAsync(string id, CancellationToken cancellationToken);

    /// <summary>Requests, newest first, optionally only in <paramref name="state"/> and of <paramref name="kind"/>; at most <paramref name="limit"/> (1–1000).</summary>
    Task<IReadOnlyList<ApprovalRequest>> ListApprovalsAsync(ApprovalState? state, ApprovalKind? kind, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the request from <paramref name="from"/> to <paramref name="to"/>, recording who decided, when and the
    /// outcome; with <paramref name="onlyIfDecidedBefore"/>, only when its last decision is older (reclaiming an
    /// Applying request whose applier crashed). False when another writer moved it first.
    /// </summary>
    Task<bool> TryMoveApprovalAsync(string id, ApprovalState from, ApprovalState to, string? decidedBy, DateTimeOffset? decidedAt, string? outcome, DateTimeOffset? onlyIfDecidedBefore, CancellationToken cancellationToken);
}
