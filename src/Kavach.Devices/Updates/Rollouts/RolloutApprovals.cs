using System.Text.Json;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Updates.Rollouts;

/// <summary>
/// Rollouts in the repository's four-eyes approvals: files a <see cref="ApprovalKind.Rollout"/> request naming the
/// rollout, and starts (or rejects) the rollout when a second administrator decides. The approval service is resolved
/// when first needed, because it in turn holds this handler.
/// </summary>
public sealed class RolloutApprovals : IRolloutApprovalGate, IApprovalHandler
{
    private readonly Func<ApprovalService> _approvals;
    private readonly Func<RolloutService> _rollouts;

    /// <summary>Creates the bridge.</summary>
    public RolloutApprovals(Func<ApprovalService> approvals, Func<RolloutService> rollouts)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(rollouts);
        _approvals = approvals;
        _rollouts = rollouts;
    }

    /// <inheritdoc />
    public ApprovalKind Kind => ApprovalKind.Rollout;

    /// <inheritdoc />
    public async Task<Result<string>> RequestAsync(RolloutRecord rollout, string principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["rolloutId"] = rollout.RolloutId,
            ["releaseCounter"] = rollout.ReleaseCounter,
            ["hardwareId"] = rollout.HardwareId,
            ["groupPercents"] = rollout.GroupPercents,
            ["successThresholdPercent"] = rollout.SuccessThresholdPercent,
            ["errorThresholdPercent"] = rollout.ErrorThresholdPercent,
        });
        var request = await _approvals().RequestAsync(ApprovalKind.Rollout, rollout.RolloutId, payload, principal, cancellationToken);
        return request.IsSuccess ? request.Value.Id : request.Error;
    }

    /// <inheritdoc />
    public async Task<Result<string?>> OnApprovedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = await _rollouts().ApproveAsync(request.Subject, request.DecidedBy ?? string.Empty, cancellationToken);
        return started.IsSuccess ? $"state={started.Value.State}" : started.Error;
    }

    /// <inheritdoc />
    public async Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _rollouts().RejectAsync(request.Subject, request.DecidedBy ?? string.Empty, cancellationToken);
    }
}
