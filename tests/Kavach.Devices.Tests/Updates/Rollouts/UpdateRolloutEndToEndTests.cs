using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Updates;
using Kavach.Devices.Updates.Rollouts;
using Kavach.Devices.Updates.Storage;

namespace Kavach.Devices.Tests.Updates.Rollouts;

/// <summary>Spec §5.1 item 8 at service level: a signed release goes to group 1, devices verify, install and report, the rollout advances; an injected 30 % failure rate aborts it.</summary>
public sealed class UpdateRolloutEndToEndTests : IAsyncLifetime
{
    private const int Fleet = 20;
    private UpdateServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = new UpdateServer();
        for (var i = 0; i < Fleet; i++)
        {
            _server.Registry.Add($"SERIAL{i:D8}");
        }

        _server.Registry.Add("IRIS00000001", model: "IRIS02");
        await _server.PublishTrustAsync();
        await _server.PublishReleaseAsync(5, UpdateDocuments.Artifact(50_000));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Release_reaches_group_one_advances_on_success_and_aborts_at_thirty_percent_failures()
    {
        var rollout = await CreateAndApproveAsync();
        Assert.Equal(RolloutState.Running, rollout.State);
        var progress = (await _server.Rollouts.GetProgressAsync(rollout.RolloutId, UpdateServer.Ct)).Value;
        Assert.Equal([2, 8, 10], progress.Groups.Select(g => g.Total));
        Assert.DoesNotContain(await MembersOfAsync(rollout.RolloutId), serial => serial.StartsWith("IRIS", StringComparison.Ordinal));

        // Group 1 (10 %): only its two devices are told; they verify everything, install and report.
        var offered = await OfferedAsync();
        Assert.Equal(2, offered.Count);
        Assert.All(offered, o => Assert.Equal(5, o.Update.ReleaseCounter));
        foreach (var (serial, _) in offered)
        {
            var device = new SimulatedUpdateDevice(_server, serial);
            var report = await device.UpdateAsync(5);
            Assert.Equal(Kavach.Devices.Updates.Verification.UpdateRefusal.None, device.LastRefusal);
            Assert.True((await _server.Devices.RecordReportAsync(_server.Registry[serial], report, UpdateServer.Ct)).IsSuccess);
        }

        rollout = (await _server.Store.GetRolloutAsync(rollout.RolloutId, UpdateServer.Ct))!;
        Assert.Equal(RolloutState.Running, rollout.State);
        Assert.Equal(1, rollout.CurrentGroup);
        Assert.Equal(5, _server.Registry[offered[0].Serial].ReleaseCounter);

        // Group 2 (to 50 %): eight more devices; every tenth device's install fails at positions 0, 3, 6 (30 %).
        offered = await OfferedAsync();
        Assert.Equal(8, offered.Count);
        UpdateReportOutcome? last = null;
        for (var i = 0; i < offered.Count && last?.State != RolloutState.Aborted; i++)
        {
            var report = await new SimulatedUpdateDevice(_server, offered[i].Serial).UpdateAsync(5, failInstall: i % 10 is 0 or 3 or 6);
            last = (await _server.Devices.RecordReportAsync(_server.Registry[offered[i].Serial], report, UpdateServer.Ct)).Value;
        }

        Assert.Equal(RolloutState.Aborted, last!.State);
        Assert.Equal(1, last.CurrentGroup);
        Assert.Single(_server.Audit.Of("device.update.rollout.abort"));
        Assert.Single(_server.Audit.Of("device.update.rollout.advance"));

        // Aborted: nobody is told any more, and the third group was never reached.
        Assert.Empty(await OfferedAsync());
        progress = (await _server.Rollouts.GetProgressAsync(rollout.RolloutId, UpdateServer.Ct)).Value;
        Assert.Equal(10, progress.Groups[2].Total);
        Assert.Equal(0, progress.Groups[2].Offered + progress.Groups[2].Succeeded + progress.Groups[2].Failed);
        Assert.Equal(2, progress.Groups[1].Failed);
    }

    [Fact]
    public async Task Attack_freeze_stale_reports_are_audited_but_neither_abort_the_rollout_nor_end_the_offer()
    {
        var rollout = await CreateAndApproveAsync();
        var offered = await OfferedAsync();
        Assert.Equal(2, offered.Count);

        // Whoever withholds fresh metadata makes every device refuse it as expired; that must not count as failures.
        foreach (var (serial, _) in offered)
        {
            var outcome = await _server.Devices.RecordReportAsync(_server.Registry[serial], new DeviceUpdateReport(5, "1.0.0", UpdateReportStatus.Stale), UpdateServer.Ct);
            Assert.True(outcome.IsSuccess);
            Assert.Null(outcome.Value.RolloutId);
        }

        var stored = (await _server.Store.GetRolloutAsync(rollout.RolloutId, UpdateServer.Ct))!;
        Assert.Equal((RolloutState.Running, 0, rollout.Version), (stored.State, stored.CurrentGroup, stored.Version));
        var group = (await _server.Rollouts.GetProgressAsync(rollout.RolloutId, UpdateServer.Ct)).Value.Groups[0];
        Assert.Equal((2, 0, 0), (group.Offered, group.Succeeded, group.Failed));
        Assert.Equal(offered.Select(o => o.Serial), (await OfferedAsync()).Select(o => o.Serial));
        Assert.Equal(2, _server.Audit.Of("device.update.report").Count(e => e.Detail!.Contains("status=Stale", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_reverted_install_counts_as_a_failure()
    {
        var rollout = await CreateAndApproveAsync();
        var (serial, _) = (await OfferedAsync())[0];

        var outcome = await _server.Devices.RecordReportAsync(_server.Registry[serial], new DeviceUpdateReport(5, "1.0.0", UpdateReportStatus.Reverted), UpdateServer.Ct);

        // One of two devices in group 1 is 50 %, past the 20 % error threshold.
        Assert.Equal((rollout.RolloutId, RolloutState.Aborted), (outcome.Value.RolloutId, outcome.Value.State));
        Assert.Equal(1, (await _server.Rollouts.GetProgressAsync(rollout.RolloutId, UpdateServer.Ct)).Value.Groups[0].Failed);
    }

    [Fact]
    public async Task Attack_the_creator_approving_their_own_rollout_is_refused_and_nothing_starts()
    {
        var created = (await _server.Rollouts.CreateAsync(new RolloutRequest(5, UpdateDocuments.HardwareId, [10, 50, 100], 100, 20), "alice", UpdateServer.Ct)).Value;
        Assert.Equal(RolloutState.PendingApproval, created.State);
        Assert.NotNull(created.ApprovalId);
        var request = (await _server.Approvals.GetAsync(created.ApprovalId!, UpdateServer.Ct)).Value;
        Assert.Equal(ApprovalKind.Rollout, request.Kind);
        Assert.Equal(created.RolloutId, request.Subject);

        // Through the approvals and, should anything call it directly, at the rollout itself.
        Assert.False((await _server.Approvals.ApproveAsync(created.ApprovalId!, "alice", UpdateServer.Ct)).IsSuccess);
        var self = await _server.Rollouts.ApproveAsync(created.RolloutId, "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.SelfApproval, self.Error);
        var stored = (await _server.Store.GetRolloutAsync(created.RolloutId, UpdateServer.Ct))!;
        Assert.Equal(RolloutState.PendingApproval, stored.State);
        Assert.Empty((await _server.Rollouts.GetProgressAsync(created.RolloutId, UpdateServer.Ct)).Value.Groups);
        Assert.Empty(await OfferedAsync());
        Assert.Contains(_server.Audit.Of("device.update.rollout.approve"), e => e.Outcome == UpdateErrors.SelfApproval.Code);
    }

    [Fact]
    public async Task A_rejected_rollout_never_starts()
    {
        var created = (await _server.Rollouts.CreateAsync(new RolloutRequest(5, UpdateDocuments.HardwareId, [100], 90, 10), "alice", UpdateServer.Ct)).Value;

        Assert.True((await _server.Approvals.RejectAsync(created.ApprovalId!, "bob", "not this week", UpdateServer.Ct)).IsSuccess);

        Assert.Equal(RolloutState.Rejected, (await _server.Store.GetRolloutAsync(created.RolloutId, UpdateServer.Ct))!.State);
        Assert.Empty(await OfferedAsync());
    }

    [Fact]
    public async Task A_paused_rollout_offers_nothing_until_resumed()
    {
        var rollout = await CreateAndApproveAsync();

        Assert.True((await _server.Rollouts.PauseAsync(rollout.RolloutId, "carol", UpdateServer.Ct)).IsSuccess);
        Assert.Empty(await OfferedAsync());

        Assert.True((await _server.Rollouts.ResumeAsync(rollout.RolloutId, "carol", UpdateServer.Ct)).IsSuccess);
        Assert.Equal(2, (await OfferedAsync()).Count);

        Assert.True((await _server.Rollouts.AbortAsync(rollout.RolloutId, "carol", UpdateServer.Ct)).IsSuccess);
        Assert.Empty(await OfferedAsync());
        Assert.Equal(UpdateErrors.RolloutState, (await _server.Rollouts.ResumeAsync(rollout.RolloutId, "carol", UpdateServer.Ct)).Error);
    }

    [Fact]
    public async Task A_release_without_its_SBI_record_cannot_be_rolled_out()
    {
        await _server.PublishReleaseAsync(6, UpdateDocuments.Artifact(1000), withSbi: false);

        var result = await _server.Rollouts.CreateAsync(new RolloutRequest(6, UpdateDocuments.HardwareId, [100], 90, 10), "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.SbiMissing, result.Error);
        Assert.Empty(await _server.Store.ListRolloutsAsync(UpdateServer.Ct));
    }

    [Theory]
    [InlineData(new[] { 10, 50 }, 90, 10)]
    [InlineData(new[] { 50, 10, 100 }, 90, 10)]
    [InlineData(new[] { 0, 100 }, 90, 10)]
    [InlineData(new[] { 100 }, 0, 10)]
    [InlineData(new[] { 100 }, 90, 101)]
    public async Task Invalid_groups_or_thresholds_are_refused(int[] groups, int success, int error)
    {
        var result = await _server.Rollouts.CreateAsync(new RolloutRequest(5, UpdateDocuments.HardwareId, groups, success, error), "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.InvalidRollout, result.Error);
        Assert.Empty(await _server.Store.ListRolloutsAsync(UpdateServer.Ct));
    }

    [Fact]
    public async Task A_rollout_for_a_model_the_release_does_not_name_is_refused()
    {
        var result = await _server.Rollouts.CreateAsync(new RolloutRequest(5, "MOSIP/IRIS02", [100], 90, 10), "alice", UpdateServer.Ct);

        Assert.Equal(UpdateErrors.ReleaseNotApplicable, result.Error);
    }

    private async Task<RolloutRecord> CreateAndApproveAsync()
    {
        var created = await _server.Rollouts.CreateAsync(new RolloutRequest(5, UpdateDocuments.HardwareId, [10, 50, 100], 100, 20), "alice", UpdateServer.Ct);
        Assert.True(created.IsSuccess, created.Error?.Code);
        var approved = await _server.Approvals.ApproveAsync(created.Value.ApprovalId!, "bob", UpdateServer.Ct);
        Assert.True(approved.IsSuccess, approved.Error?.Code);
        return (await _server.Store.GetRolloutAsync(created.Value.RolloutId, UpdateServer.Ct))!;
    }

    private async Task<List<(string Serial, PendingUpdate Update)>> OfferedAsync()
    {
        var offered = new List<(string, PendingUpdate)>();
        foreach (var serial in Enumerable.Range(0, Fleet).Select(i => $"SERIAL{i:D8}").Append("IRIS00000001"))
        {
            if (await _server.Devices.GetPendingUpdateAsync(_server.Registry[serial], UpdateServer.Ct) is { } update)
            {
                offered.Add((serial, update));
            }
        }

        return offered;
    }

    private async Task<List<string>> MembersOfAsync(string rolloutId)
    {
        var members = new List<string>();
        foreach (var serial in Enumerable.Range(0, Fleet).Select(i => $"SERIAL{i:D8}").Append("IRIS00000001"))
        {
            if ((await _server.Store.ListMembershipsAsync(serial, UpdateServer.Ct)).Any(m => m.RolloutId == rolloutId))
            {
                members.Add(serial);
            }
        }

        return members;
    }
}
