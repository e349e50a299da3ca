using System.Security.Cryptography;
using System.Text;
using Kavach.Devices.Registry;
using Kavach.Devices.Updates.Storage;
using Kavach.Devices.Updates.Verification;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Updates.Rollouts;

/// <summary>
/// Staged rollouts (spec §4.9, hawkBit's model): an administrator creates one for a release with its SBI record and a
/// make/model; it waits for a second administrator's approval (four-eyes, through <see cref="IRolloutApprovalGate"/>);
/// on approval the target devices are fixed and split into cumulative percentage groups in a stable pseudo-random
/// order; it can be paused, resumed and aborted. Devices learn of it through check-in (<see cref="DeviceUpdateService"/>).
/// </summary>
public sealed class RolloutService
{
    private const int MaxGroups = 10;
    private const int PageSize = 1000;

    private readonly IDeviceUpdateStore _store;
    private readonly IDeviceRegistryStore _registry;
    private readonly IRolloutApprovalGate _approvals;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly RolloutEvaluator _evaluator;

    /// <summary>Creates the service.</summary>
    public RolloutService(IDeviceUpdateStore store, IDeviceRegistryStore registry, IRolloutApprovalGate approvals, IDeviceAudit audit, TimeProvider time, ILogger<RolloutService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(approvals);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _registry = registry;
        _approvals = approvals;
        _audit = audit;
        _time = time;
        _evaluator = new RolloutEvaluator(store, audit, time, logger);
    }

    /// <summary>Creates a rollout waiting for approval, and files the approval request.</summary>
    public async Task<Result<RolloutRecord>> CreateAsync(RolloutRequest request, string principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(principal);
        const string Operation = "device.update.rollout.create";
        if (!IsValid(request))
        {
            return await RefuseAsync(Operation, principal, UpdateErrors.InvalidRollout, $"releaseCounter={request.ReleaseCounter}", cancellationToken);
        }

        var release = await _store.GetReleaseAsync(request.ReleaseCounter, cancellationToken);
        if (CheckRelease(release, request.HardwareId) is { } refusal)
        {
            return await RefuseAsync(Operation, principal, refusal, $"releaseCounter={request.ReleaseCounter}", cancellationToken);
        }

        var now = _time.GetUtcNow();
        var rollout = new RolloutRecord(
            Guid.NewGuid().ToString(),
            request.ReleaseCounter,
            request.HardwareId,
            [.. request.GroupPercents],
            request.SuccessThresholdPercent,
            request.ErrorThresholdPercent,
            RolloutState.PendingApproval,
            0,
            principal,
            now,
            null,
            null,
            now,
            0);
        if (!await _store.TryInsertRolloutAsync(rollout, cancellationToken))
        {
            return await RefuseAsync(Operation, principal, UpdateErrors.InvalidRollout, "id-taken", cancellationToken);
        }

        await RecordAsync(Operation, principal, AuditOutcomes.Success, $"rollout={rollout.RolloutId} releaseCounter={rollout.ReleaseCounter} hardwareId={rollout.HardwareId}", cancellationToken);
        var approval = await _approvals.RequestAsync(rollout, principal, cancellationToken);
        if (!approval.IsSuccess)
        {
            return approval.Error;
        }

        var requested = rollout with { ApprovalId = approval.Value, UpdatedAt = _time.GetUtcNow() };
        return await _store.TryUpdateRolloutAsync(requested, rollout.Version, cancellationToken)
            ? requested with { Version = rollout.Version + 1 }
            : (await _store.GetRolloutAsync(rollout.RolloutId, cancellationToken))!;
    }

    /// <summary>
    /// Starts an approved rollout (called when the four-eyes approval is granted): the approver must not be its creator;
    /// the release must still have an unexpired SBI record and manifest. The target devices (Active, the make/model and
    /// certification, below the release) are fixed now.
    /// </summary>
    public async Task<Result<RolloutRecord>> ApproveAsync(string rolloutId, string approver, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        ArgumentException.ThrowIfNullOrEmpty(approver);
        const string Operation = "device.update.rollout.approve";
        var rollout = await _store.GetRolloutAsync(rolloutId, cancellationToken);
        if (rollout is null)
        {
            return await RefuseAsync(Operation, approver, UpdateErrors.RolloutNotFound, "rollout=" + rolloutId, cancellationToken);
        }

        if (string.Equals(rollout.CreatedBy, approver, StringComparison.Ordinal))
        {
            return await RefuseAsync(Operation, approver, UpdateErrors.SelfApproval, "rollout=" + rolloutId, cancellationToken);
        }

        if (rollout.State != RolloutState.PendingApproval)
        {
            return await RefuseAsync(Operation, approver, UpdateErrors.RolloutState, $"rollout={rolloutId} state={rollout.State}", cancellationToken);
        }

        var release = await _store.GetReleaseAsync(rollout.ReleaseCounter, cancellationToken);
        if (CheckRelease(release, rollout.HardwareId) is { } refusal)
        {
            return await RefuseAsync(Operation, approver, refusal, "rollout=" + rolloutId, cancellationToken);
        }

        var now = _time.GetUtcNow();
        var targets = await ListTargetsAsync(rollout, release!, cancellationToken);
        var members = AssignGroups(rollout, targets, now);
        var started = rollout with { State = RolloutState.Running, CurrentGroup = 0, ApprovedBy = approver, UpdatedAt = now };
        if (!await _store.TryStartRolloutAsync(started, rollout.Version, members, cancellationToken))
        {
            return await RefuseAsync(Operation, approver, UpdateErrors.RolloutState, "rollout=" + rolloutId + " raced", cancellationToken);
        }

        await RecordAsync(Operation, approver, AuditOutcomes.Success, $"rollout={rolloutId} devices={members.Count}", cancellationToken);

        // A group without devices (a small fleet) is passed at once.
        return (await _evaluator.EvaluateAsync(rolloutId, cancellationToken))!;
    }

    /// <summary>Rejects a rollout waiting for approval (by anyone but its creator, who aborts instead).</summary>
    public Task<Result<RolloutRecord>> RejectAsync(string rolloutId, string approver, CancellationToken cancellationToken) =>
        TransitionAsync(rolloutId, approver, "device.update.rollout.reject", [RolloutState.PendingApproval], RolloutState.Rejected, requireOtherPrincipal: true, cancellationToken);

    /// <summary>Pauses a running rollout: nothing new is offered; reports are still counted.</summary>
    public Task<Result<RolloutRecord>> PauseAsync(string rolloutId, string principal, CancellationToken cancellationToken) =>
        TransitionAsync(rolloutId, principal, "device.update.rollout.pause", [RolloutState.Running], RolloutState.Paused, requireOtherPrincipal: false, cancellationToken);

    /// <summary>Resumes a paused rollout and applies the thresholds to what was reported meanwhile.</summary>
    public async Task<Result<RolloutRecord>> ResumeAsync(string rolloutId, string principal, CancellationToken cancellationToken)
    {
        var resumed = await TransitionAsync(rolloutId, principal, "device.update.rollout.resume", [RolloutState.Paused], RolloutState.Running, requireOtherPrincipal: false, cancellationToken);
        return resumed.IsSuccess ? (await _evaluator.EvaluateAsync(rolloutId, cancellationToken))! : resumed;
    }

    /// <summary>Aborts a rollout that has not finished: nothing is offered any more.</summary>
    public Task<Result<RolloutRecord>> AbortAsync(string rolloutId, string principal, CancellationToken cancellationToken) =>
        TransitionAsync(rolloutId, principal, "device.update.rollout.abort", [RolloutState.PendingApproval, RolloutState.Running, RolloutState.Paused], RolloutState.Aborted, requireOtherPrincipal: false, cancellationToken);

    /// <summary>A rollout with its per-group counts.</summary>
    public async Task<Result<RolloutProgress>> GetProgressAsync(string rolloutId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        if (await _store.GetRolloutAsync(rolloutId, cancellationToken) is not { } rollout)
        {
            return UpdateErrors.RolloutNotFound;
        }

        return new RolloutProgress(rollout, await _store.CountGroupsAsync(rolloutId, cancellationToken));
    }

    /// <summary>Every rollout, newest first.</summary>
    public Task<IReadOnlyList<RolloutRecord>> ListAsync(CancellationToken cancellationToken) => _store.ListRolloutsAsync(cancellationToken);

    internal RolloutEvaluator Evaluator => _evaluator;

    /// <summary>Cumulative percentages to group indexes, over devices in a stable order keyed by the rollout id (so each rollout samples the fleet differently, and a re-run gives the same groups).</summary>
    internal static List<RolloutMemberRecord> AssignGroups(RolloutRecord rollout, IReadOnlyList<string> serials, DateTimeOffset now)
    {
        var ordered = serials
            .Select(serial => (Serial: serial, Key: Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(rollout.RolloutId + "|" + serial)))))
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Serial)
            .ToList();
        var members = new List<RolloutMemberRecord>(ordered.Count);
        var group = 0;
        for (var position = 0; position < ordered.Count; position++)
        {
            while (group < rollout.GroupPercents.Count - 1 && position >= Boundary(rollout.GroupPercents[group], ordered.Count))
            {
                group++;
            }

            members.Add(new RolloutMemberRecord(rollout.RolloutId, ordered[position], group, RolloutMemberStatus.Pending, now));
        }

        return members;
    }

    // Devices in groups up to this one: the percentage of the fleet, rounded up, so a 10 % group of 5 devices has one.
    private static int Boundary(int percent, int count) => (int)((((long)percent * count) + 99) / 100);

    private static bool IsValid(RolloutRequest request)
    {
        var groups = request.GroupPercents;
        if (groups is null || groups.Count is 0 or > MaxGroups || groups[^1] != 100 || !UpdateDocumentCodec.IsHardwareId(request.HardwareId ?? string.Empty))
        {
            return false;
        }

        for (var i = 0; i < groups.Count; i++)
        {
            if (groups[i] is < 1 or > 100 || (i > 0 && groups[i] <= groups[i - 1]))
            {
                return false;
            }
        }

        return request.SuccessThresholdPercent is >= 1 and <= 100 && request.ErrorThresholdPercent is >= 1 and <= 100;
    }

    private KavachError? CheckRelease(ReleaseRecord? release, string hardwareId)
    {
        var now = _time.GetUtcNow();
        if (release is null)
        {
            return UpdateErrors.ReleaseNotFound;
        }

        if (release.Sbi is null)
        {
            return UpdateErrors.SbiMissing;
        }

        return release.Expires <= now || release.Sbi.SwExpiryDateTime <= now || !release.HardwareIds.Contains(hardwareId, StringComparer.Ordinal)
            ? UpdateErrors.ReleaseNotApplicable
            : null;
    }

    private async Task<List<string>> ListTargetsAsync(RolloutRecord rollout, ReleaseRecord release, CancellationToken cancellationToken)
    {
        var targets = new List<string>();
        string? after = null;
        while (true)
        {
            var page = await _registry.ListDevicesAsync(new DeviceQuery(State: DeviceState.Active, AfterSerialNo: after, Limit: PageSize), cancellationToken);
            foreach (var device in page)
            {
                if (string.Equals(device.Make + "/" + device.Model, rollout.HardwareId, StringComparison.Ordinal)
                    && string.Equals(device.Certification, release.Certification, StringComparison.Ordinal)
                    && device.ReleaseCounter < release.ReleaseCounter)
                {
                    targets.Add(device.SerialNo);
                }
            }

            if (page.Count < PageSize)
            {
                return targets;
            }

            after = page[^1].SerialNo;
        }
    }

    private async Task<Result<RolloutRecord>> TransitionAsync(string rolloutId, string principal, string operation, RolloutState[] from, RolloutState to, bool requireOtherPrincipal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rolloutId);
        ArgumentException.ThrowIfNullOrEmpty(principal);
        var rollout = await _store.GetRolloutAsync(rolloutId, cancellationToken);
        if (rollout is null)
        {
            return await RefuseAsync(operation, principal, UpdateErrors.RolloutNotFound, "rollout=" + rolloutId, cancellationToken);
        }

        if (requireOtherPrincipal && string.Equals(rollout.CreatedBy, principal, StringComparison.Ordinal))
        {
            return await RefuseAsync(operation, principal, UpdateErrors.SelfApproval, "rollout=" + rolloutId, cancellationToken);
        }

        var changed = rollout with { State = to, UpdatedAt = _time.GetUtcNow(), ApprovedBy = requireOtherPrincipal ? principal : rollout.ApprovedBy };
        if (Array.IndexOf(from, rollout.State) < 0 || !await _store.TryUpdateRolloutAsync(changed, rollout.Version, cancellationToken))
        {
            return await RefuseAsync(operation, principal, UpdateErrors.RolloutState, $"rollout={rolloutId} state={rollout.State}", cancellationToken);
        }

        await RecordAsync(operation, principal, AuditOutcomes.Success, "rollout=" + rolloutId, cancellationToken);
        return changed with { Version = rollout.Version + 1 };
    }

    private async Task<KavachError> RefuseAsync(string operation, string principal, KavachError error, string detail, CancellationToken cancellationToken)
    {
        await RecordAsync(operation, principal, error.Code, detail, cancellationToken);
        return error;
    }

    private ValueTask RecordAsync(string operation, string principal, string outcome, string detail, CancellationToken cancellationToken) =>
        _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), operation, principal, outcome, null, detail), cancellationToken);
}
