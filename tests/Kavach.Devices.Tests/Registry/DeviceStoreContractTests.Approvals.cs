using Kavach.Devices.Repository.Approvals;

namespace Kavach.Devices.Tests.Registry;

/// <content>The four-eyes requests.</content>
public abstract partial class DeviceStoreContractTests
{
    protected static ApprovalRequest Approval(ApprovalKind kind = ApprovalKind.Deregistration, string? subject = null) =>
        new(Guid.NewGuid().ToString(), kind, subject ?? NewSerial(), """{"reason":"cessationOfOperation"}""", "alice", Now, ApprovalState.Pending, null, null, null);

    [Fact]
    public async Task An_approval_request_reads_back_as_written()
    {
        var request = Approval();

        Assert.True(await Store.TryInsertApprovalAsync(request, Ct));

        Assert.Equal(request, await Store.GetApprovalAsync(request.Id, Ct));
        Assert.Null(await Store.GetApprovalAsync(Guid.NewGuid().ToString(), Ct));
    }

    [Fact]
    public async Task A_subject_has_at_most_one_open_request_of_a_kind()
    {
        var first = Approval();
        Assert.True(await Store.TryInsertApprovalAsync(first, Ct));

        Assert.False(await Store.TryInsertApprovalAsync(Approval(subject: first.Subject), Ct));
        Assert.True(await Store.TryInsertApprovalAsync(Approval(ApprovalKind.L0Enrolment, first.Subject), Ct));

        // Once decided, a new request may be opened.
        Assert.True(await Store.TryMoveApprovalAsync(first.Id, ApprovalState.Pending, ApprovalState.Rejected, "bob", Now, "no", null, Ct));
        Assert.True(await Store.TryInsertApprovalAsync(Approval(subject: first.Subject), Ct));
    }

    [Fact]
    public async Task A_decision_moves_a_request_only_from_the_expected_state()
    {
        var request = Approval();
        Assert.True(await Store.TryInsertApprovalAsync(request, Ct));

        Assert.False(await Store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, ApprovalState.Approved, "bob", Now, null, null, Ct));
        Assert.True(await Store.TryMoveApprovalAsync(request.Id, ApprovalState.Pending, ApprovalState.Applying, "bob", Now, null, null, Ct));
        Assert.False(await Store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, ApprovalState.Applying, "carol", Now.AddMinutes(1), null, Now, Ct));
        Assert.True(await Store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, ApprovalState.Applying, "carol", Now.AddMinutes(6), null, Now.AddMinutes(1), Ct));
        Assert.True(await Store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, ApprovalState.Approved, "carol", Now.AddMinutes(7), "devices=3", null, Ct));

        Assert.Equal(
            request with { State = ApprovalState.Approved, DecidedBy = "carol", DecidedAt = Now.AddMinutes(7), Outcome = "devices=3" },
            await Store.GetApprovalAsync(request.Id, Ct));
    }

    [Fact]
    public async Task Two_replicas_claiming_one_request_see_one_winner()
    {
        var request = Approval();
        Assert.True(await Store.TryInsertApprovalAsync(request, Ct));
        var replicas = Enumerable.Range(0, 6).Select(_ => OpenReplica()).ToList();

        var results = await Task.WhenAll(replicas.Select((r, i) =>
            r.TryMoveApprovalAsync(request.Id, ApprovalState.Pending, ApprovalState.Applying, "admin" + i, Now, null, null, Ct)));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Approval_requests_list_newest_first_filtered_by_state_and_kind()
    {
        var subject = NewSerial();
        var older = Approval(ApprovalKind.Rollout, subject) with { RequestedAt = Now.AddDays(-1) };
        var newer = Approval(ApprovalKind.Rollout, subject + "B") with { RequestedAt = Now.AddDays(1) };
        Assert.True(await Store.TryInsertApprovalAsync(older, Ct));
        Assert.True(await Store.TryInsertApprovalAsync(newer, Ct));
        Assert.True(await Store.TryMoveApprovalAsync(older.Id, ApprovalState.Pending, ApprovalState.Rejected, "bob", Now, null, null, Ct));

        var rollouts = (await Store.ListApprovalsAsync(null, ApprovalKind.Rollout, 1000, Ct)).Where(a => a.Subject.StartsWith(subject, StringComparison.Ordinal)).ToList();
        Assert.Equal([newer.Id, older.Id], rollouts.Select(a => a.Id));
        Assert.DoesNotContain(await Store.ListApprovalsAsync(ApprovalState.Pending, ApprovalKind.Rollout, 1000, Ct), a => a.Id == older.Id);
        Assert.All(await Store.ListApprovalsAsync(ApprovalState.Rejected, null, 1000, Ct), a => Assert.Equal(ApprovalState.Rejected, a.State));
    }
}
