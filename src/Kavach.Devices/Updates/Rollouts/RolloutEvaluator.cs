using Kavach.Devices.Registry;
using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Audit;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Updates.Rollouts;

/// <summary>
/// Moves a running rollout on from its current group's counts (hawkBit's rules): failures at or above the error
/// threshold abort it; successes at or above the success threshold open the next group (empty groups are skipped) or
/// complete it. Every change is one conditional update on the row version, retried on a lost race, so two replicas
/// evaluating at once agree.
/// </summary>
internal sealed class RolloutEvaluator(IDeviceUpdateStore store, IDeviceAudit audit, TimeProvider time, ILogger logger)
{
    private const int Attempts = 5;

    public async Task<RolloutRecord?> EvaluateAsync(string rolloutId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var rollout = await store.GetRolloutAsync(rolloutId, cancellationToken);
            if (rollout is not { State: RolloutState.Running })
            {
                return rollout;
            }

            var groups = await store.CountGroupsAsync(rolloutId, cancellationToken);
            var next = Decide(rollout, groups);
            if (next is null)
            {
                return rollout;
            }

            next = next with { UpdatedAt = time.GetUtcNow() };
            if (await store.TryUpdateRolloutAsync(next, rollout.Version, cancellationToken))
            {
                await RecordAsync(rollout, next, groups, cancellationToken);
                return next with { Version = rollout.Version + 1 };
            }
        }

        return await store.GetRolloutAsync(rolloutId, cancellationToken);
    }

    /// <summary>The rollout's next state, or null when nothing changes.</summary>
    internal static RolloutRecord? Decide(RolloutRecord rollout, IReadOnlyList<RolloutGroupCounts> groups)
    {
        var current = Counts(groups, rollout.CurrentGroup);
        if (current.Total > 0 && current.Failed * 100L >= (long)rollout.ErrorThresholdPercent * current.Total)
        {
            return rollout with { State = RolloutState.Aborted };
        }

        if (current.Total > 0 && current.Succeeded * 100L < (long)rollout.SuccessThresholdPercent * current.Total)
        {
            return null;
        }

        // Open the next group that has devices; none left means done.
        for (var group = rollout.CurrentGroup + 1; group < rollout.GroupPercents.Count; group++)
        {
            if (Counts(groups, group).Total > 0)
            {
                return rollout with { CurrentGroup = group };
            }
        }

        return rollout with { State = RolloutState.Completed, CurrentGroup = rollout.GroupPercents.Count - 1 };
    }

    private static RolloutGroupCounts Counts(IReadOnlyList<RolloutGroupCounts> groups, int index) =>
        groups.FirstOrDefault(g => g.GroupIndex == index) ?? new RolloutGroupCounts(index, 0, 0, 0, 0);

    private async Task RecordAsync(RolloutRecord before, RolloutRecord after, IReadOnlyList<RolloutGroupCounts> groups, CancellationToken cancellationToken)
    {
        var counts = Counts(groups, before.CurrentGroup);
        string operation;
        if (after.State == RolloutState.Aborted)
        {
            UpdateLog.RolloutAborted(logger, after.RolloutId, before.CurrentGroup, counts.Failed, counts.Total);
            operation = "device.update.rollout.abort";
        }
        else if (after.State == RolloutState.Completed)
        {
            operation = "device.update.rollout.complete";
        }
        else
        {
            UpdateLog.RolloutAdvanced(logger, after.RolloutId, after.CurrentGroup);
            operation = "device.update.rollout.advance";
        }

        await audit.RecordAsync(
            new DeviceAuditEvent(
                time.GetUtcNow(),
                operation,
                "SYSTEM",
                AuditOutcomes.Success,
                after.RolloutId,
                $"group={before.CurrentGroup} total={counts.Total} succeeded={counts.Succeeded} failed={counts.Failed} next={after.CurrentGroup}"),
            cancellationToken);
    }
}
