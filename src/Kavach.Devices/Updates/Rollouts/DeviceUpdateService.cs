using Kavach.Devices.Registry;
using Kavach.Devices.Updates.Storage;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Updates.Rollouts;

/// <summary>
/// The device side of rollouts, for check-in: which release to announce (<c>updateAvailable</c>) and what a device's
/// update report changes. A rollout offers its release to a member once the member's group is reached and the rollout
/// runs; a device whose installed release's SBI expired (<c>swExpiryDateTime</c>, MOSIP stops accepting it) is offered
/// the newest release for its make/model that has a valid SBI record, outside any rollout (forced update).
/// </summary>
public sealed class DeviceUpdateService : IDeviceUpdates
{
    private readonly IDeviceUpdateStore _store;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly RolloutEvaluator _evaluator;

    /// <summary>Creates the service.</summary>
    public DeviceUpdateService(IDeviceUpdateStore store, IDeviceAudit audit, TimeProvider time, ILogger<DeviceUpdateService> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _audit = audit;
        _time = time;
        _evaluator = new RolloutEvaluator(store, audit, time, logger);
    }

    /// <inheritdoc />
    public async Task<PendingUpdate?> GetPendingUpdateAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (device.State != DeviceState.Active)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        PendingUpdate? offer = null;
        foreach (var member in await _store.ListMembershipsAsync(device.SerialNo, cancellationToken))
        {
            if (member.Status is not (RolloutMemberStatus.Pending or RolloutMemberStatus.Offered)
                || await _store.GetRolloutAsync(member.RolloutId, cancellationToken) is not { State: RolloutState.Running } rollout
                || member.GroupIndex > rollout.CurrentGroup
                || rollout.ReleaseCounter <= device.ReleaseCounter
                || (offer is not null && offer.ReleaseCounter >= rollout.ReleaseCounter)
                || await _store.GetReleaseAsync(rollout.ReleaseCounter, cancellationToken) is not { } release
                || release.Expires <= now)
            {
                continue;
            }

            if (member.Status == RolloutMemberStatus.Pending)
            {
                // Losing this race to another replica is fine: the member is Offered either way.
                await _store.TryChangeMemberStatusAsync(member.RolloutId, member.SerialNo, RolloutMemberStatus.Pending, RolloutMemberStatus.Offered, now, cancellationToken);
            }

            offer = new PendingUpdate(rollout.ReleaseCounter, false, rollout.RolloutId);
        }

        return offer ?? await ForcedUpdateAsync(device, now, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Result<UpdateReportOutcome>> RecordReportAsync(DeviceRecord device, DeviceUpdateReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(report);
        var now = _time.GetUtcNow();
        var actor = "device:" + device.SerialNo;
        var status = report.Status == UpdateReportStatus.Installed ? RolloutMemberStatus.Succeeded : RolloutMemberStatus.Failed;
        string? counted = null;

        // A stale report changes no member: the device stays offered and retries once it sees a fresh timestamp.
        IReadOnlyList<RolloutMemberRecord> memberships = report.Status == UpdateReportStatus.Stale ? [] : await _store.ListMembershipsAsync(device.SerialNo, cancellationToken);
        foreach (var member in memberships)
        {
            if (member.Status != RolloutMemberStatus.Offered
                || await _store.GetRolloutAsync(member.RolloutId, cancellationToken) is not { } rollout
                || rollout.ReleaseCounter != report.ReleaseCounter)
            {
                continue;
            }

            if (await _store.TryChangeMemberStatusAsync(member.RolloutId, member.SerialNo, RolloutMemberStatus.Offered, status, now, cancellationToken))
            {
                counted = member.RolloutId;
                break;
            }
        }

        if (counted is null && await _store.GetReleaseAsync(report.ReleaseCounter, cancellationToken) is null)
        {
            await RecordAsync(actor, UpdateErrors.ReportRefused.Code, $"releaseCounter={report.ReleaseCounter}", cancellationToken);
            return UpdateErrors.ReportRefused;
        }

        await RecordAsync(actor, AuditOutcomes.Success, $"releaseCounter={report.ReleaseCounter} status={report.Status} rollout={counted ?? "none"}", cancellationToken);
        if (counted is null)
        {
            return new UpdateReportOutcome(null, null, null);
        }

        var after = await _evaluator.EvaluateAsync(counted, cancellationToken);
        return new UpdateReportOutcome(counted, after?.State, after?.CurrentGroup);
    }

    private async Task<PendingUpdate?> ForcedUpdateAsync(DeviceRecord device, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await _store.GetReleaseAsync(device.ReleaseCounter, cancellationToken) is not { Sbi: { } installed } || installed.SwExpiryDateTime > now)
        {
            return null;
        }

        var hardwareId = device.Make + "/" + device.Model;
        foreach (var release in await _store.ListReleasesAsync(cancellationToken))
        {
            if (release.ReleaseCounter > device.ReleaseCounter
                && release.MinReleaseCounter <= device.ReleaseCounter
                && release.Expires > now
                && release.Sbi is { } sbi && sbi.SwExpiryDateTime > now
                && string.Equals(release.Certification, device.Certification, StringComparison.Ordinal)
                && release.HardwareIds.Contains(hardwareId, StringComparer.Ordinal))
            {
                return new PendingUpdate(release.ReleaseCounter, true, null);
            }
        }

        return null;
    }

    private ValueTask RecordAsync(string actor, string outcome, string detail, CancellationToken cancellationToken) =>
        _audit.RecordAsync(new DeviceAuditEvent(_time.GetUtcNow(), "device.update.report", actor, outcome, null, detail), cancellationToken);
}
