using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Updates.Rollouts;

/// <summary>
/// The four-eyes step before a rollout starts: files an approval request (kind Rollout) with the repository's
/// approvals; when a second administrator approves it, the approvals call <see cref="RolloutService.ApproveAsync"/>.
/// </summary>
public interface IRolloutApprovalGate
{
    /// <summary>Files the approval request for <paramref name="rollout"/>; returns its id.</summary>
    Task<Result<string>> RequestAsync(RolloutRecord rollout, string principal, CancellationToken cancellationToken);
}
