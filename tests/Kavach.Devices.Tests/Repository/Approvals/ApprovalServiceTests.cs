using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Repository.Approvals;

/// <summary>Four-eyes approval: a second administrator decides, the kind's handler acts once, everything is audited.</summary>
public sealed class ApprovalServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly RepositoryStoreFixture _db = new(Start);
    private readonly RecordingDeviceAudit _audit = new();
    private readonly CountingApprovalHandler _handler = new(ApprovalKind.Deregistration);
    private ApprovalService _service = null!;

    public Task InitializeAsync()
    {
        _service = Service(_db.Store);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_request_is_pending_and_audited()
    {
        var request = await RequestAsync("SERIAL000000001");

        Assert.Equal(ApprovalState.Pending, request.State);
        Assert.Equal("alice", request.RequestedBy);
        Assert.Equal(Start, request.RequestedAt);
        Assert.Equal(request, (await _service.GetAsync(request.Id, Ct)).Value);
        var audited = Assert.Single(_audit.Events);
        Assert.Equal(("device.approval.request", "alice", "OK", request.Id), (audited.Operation, audited.Actor, audited.Outcome, audited.Subject));
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    public async Task Attack_self_approval_the_requester_cannot_approve_their_own_request(string sameAdministrator)
    {
        var request = await RequestAsync("SERIAL000000002");

        var result = await _service.ApproveAsync(request.Id, sameAdministrator, Ct);

        Assert.Equal(DeviceRepositoryErrors.ApprovalBySameAdministrator, result.Error);
        Assert.Equal(0, _handler.Approved);
        Assert.Equal(request, await _db.Store.GetApprovalAsync(request.Id, Ct));
        Assert.Contains(_audit.Events, e => e.Operation == "device.approval.approve" && e.Outcome == DeviceRepositoryErrors.ApprovalBySameAdministrator.Code && e.Actor == sameAdministrator);
    }

    [Fact]
    public async Task Attack_self_rejection_the_requester_cannot_reject_their_own_request_either()
    {
        var request = await RequestAsync("SERIAL000000003");

        var result = await _service.RejectAsync(request.Id, "alice", "changed my mind", Ct);

        Assert.Equal(DeviceRepositoryErrors.ApprovalBySameAdministrator, result.Error);
        Assert.Equal(request, await _db.Store.GetApprovalAsync(request.Id, Ct));
        Assert.Equal(0, _handler.Rejected);
    }

    [Fact]
    public async Task A_second_administrator_approves_and_the_handler_acts_once()
    {
        var request = await RequestAsync("SERIAL000000004");
        _db.Time.Advance(TimeSpan.FromMinutes(3));

        var approved = await _service.ApproveAsync(request.Id, "bob", Ct);

        Assert.True(approved.IsSuccess);
        Assert.Equal(ApprovalState.Approved, approved.Value.State);
        Assert.Equal("bob", approved.Value.DecidedBy);
        Assert.Equal(Start.AddMinutes(3), approved.Value.DecidedAt);
        Assert.Equal("applied", approved.Value.Outcome);
        Assert.Equal(approved.Value, await _db.Store.GetApprovalAsync(request.Id, Ct));
        Assert.Equal(1, _handler.Approved);
        Assert.Contains(_audit.Events, e => e.Operation == "device.approval.approve" && e.Outcome == "OK" && e.Actor == "bob" && e.Subject == request.Id);
    }

    [Fact]
    public async Task Approving_again_is_idempotent_for_the_approver_and_refused_for_anyone_else()
    {
        var request = await RequestAsync("SERIAL000000005");
        var first = await _service.ApproveAsync(request.Id, "bob", Ct);

        var again = await _service.ApproveAsync(request.Id, "bob", Ct);
        var third = await _service.ApproveAsync(request.Id, "carol", Ct);
        var rejectAfter = await _service.RejectAsync(request.Id, "carol", null, Ct);

        Assert.Equal(first.Value, again.Value);
        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyDecided, third.Error);
        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyDecided, rejectAfter.Error);
        Assert.Equal(1, _handler.Approved);
    }

    [Fact]
    public async Task Two_administrators_approving_at_once_on_two_replicas_run_the_handler_once()
    {
        var request = await RequestAsync("SERIAL000000006");
        var other = Service(_db.OpenReplica());
        var gate = new TaskCompletionSource();
        _handler.OnApproved = async _ =>
        {
            await gate.Task;
            return "applied";
        };

        var bob = _service.ApproveAsync(request.Id, "bob", Ct);
        var carol = other.ApproveAsync(request.Id, "carol", Ct);
        var loser = await Task.WhenAny(bob, carol);
        gate.SetResult();
        var results = await Task.WhenAll(bob, carol);

        Assert.Equal(1, _handler.Approved);
        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyDecided, (await loser).Error);
    }

    [Fact]
    public async Task A_handler_refusal_fails_the_request_with_its_code_and_frees_the_subject()
    {
        var request = await RequestAsync("SERIAL000000007");
        _handler.OnApproved = _ => Task.FromResult<Result<string?>>(DeviceRepositoryErrors.DeviceNotFound);

        var result = await _service.ApproveAsync(request.Id, "bob", Ct);

        Assert.Equal(DeviceRepositoryErrors.DeviceNotFound, result.Error);
        var stored = await _db.Store.GetApprovalAsync(request.Id, Ct);
        Assert.Equal((ApprovalState.Failed, DeviceRepositoryErrors.DeviceNotFound.Code), (stored!.State, stored.Outcome));
        Assert.Contains(_audit.Events, e => e.Operation == "device.approval.approve" && e.Outcome == DeviceRepositoryErrors.DeviceNotFound.Code);
        Assert.True((await _service.RequestAsync(ApprovalKind.Deregistration, "SERIAL000000007", "{}", "alice", Ct)).IsSuccess);
    }

    [Fact]
    public async Task A_handler_fault_puts_the_request_back_to_pending_so_it_can_be_approved_again()
    {
        var request = await RequestAsync("SERIAL000000008");
        _handler.OnApproved = _ => throw new IOException("database went away");

        await Assert.ThrowsAsync<IOException>(() => _service.ApproveAsync(request.Id, "bob", Ct));
        Assert.Equal(ApprovalState.Pending, (await _db.Store.GetApprovalAsync(request.Id, Ct))!.State);

        _handler.OnApproved = _ => Task.FromResult<Result<string?>>("applied");
        Assert.True((await _service.ApproveAsync(request.Id, "bob", Ct)).IsSuccess);
    }

    [Fact]
    public async Task A_request_left_applying_by_a_crashed_approver_is_taken_over_after_the_timeout()
    {
        var request = await RequestAsync("SERIAL000000009");
        Assert.True(await _db.Store.TryMoveApprovalAsync(request.Id, ApprovalState.Pending, ApprovalState.Applying, "bob", Start, null, null, Ct));

        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyDecided, (await _service.ApproveAsync(request.Id, "carol", Ct)).Error);
        _db.Time.Advance(ApprovalService.ApplyTimeout + TimeSpan.FromSeconds(1));
        var result = await _service.ApproveAsync(request.Id, "carol", Ct);

        Assert.Equal(ApprovalState.Approved, result.Value.State);
        Assert.Equal("carol", result.Value.DecidedBy);
        Assert.Equal(1, _handler.Approved);
    }

    [Fact]
    public async Task A_rejection_applies_nothing_tells_the_handler_and_is_idempotent()
    {
        var request = await RequestAsync("SERIAL000000010");

        var rejected = await _service.RejectAsync(request.Id, "bob", "wrong serial", Ct);
        var again = await _service.RejectAsync(request.Id, "bob", "wrong serial", Ct);
        var approveAfter = await _service.ApproveAsync(request.Id, "carol", Ct);

        Assert.Equal((ApprovalState.Rejected, "bob", "wrong serial"), (rejected.Value.State, rejected.Value.DecidedBy, rejected.Value.Outcome));
        Assert.Equal(rejected.Value, again.Value);
        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyDecided, approveAfter.Error);
        Assert.Equal((0, 1), (_handler.Approved, _handler.Rejected));
        Assert.Contains(_audit.Events, e => e.Operation == "device.approval.reject" && e.Outcome == "OK" && e.Actor == "bob");
    }

    [Fact]
    public async Task A_second_open_request_for_the_same_subject_is_refused()
    {
        await RequestAsync("SERIAL000000011");

        var second = await _service.RequestAsync(ApprovalKind.Deregistration, "SERIAL000000011", "{}", "carol", Ct);

        Assert.Equal(DeviceRepositoryErrors.ApprovalAlreadyPending, second.Error);
    }

    [Fact]
    public async Task A_kind_nobody_acts_on_is_refused()
    {
        var result = await _service.RequestAsync(ApprovalKind.Rollout, "R-1", "{}", "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.ApprovalKindNotHandled, result.Error);
        Assert.Empty(await _db.Store.ListApprovalsAsync(null, null, 10, Ct));
    }

    [Theory]
    [InlineData("not json", "payload")]
    [InlineData("{\"a\":", "payload")]
    [InlineData(null, "payload")]
    public async Task A_payload_that_is_not_json_is_refused_and_nothing_is_stored(string? payload, string field)
    {
        var result = await _service.RequestAsync(ApprovalKind.Deregistration, "SERIAL000000012", payload!, "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format(field), result.Error);
        Assert.Empty(await _db.Store.ListApprovalsAsync(null, null, 10, Ct));
    }

    [Fact]
    public async Task An_oversized_payload_a_deep_payload_a_blank_subject_and_a_blank_principal_are_refused()
    {
        var big = "{\"a\":\"" + new string('x', ApprovalService.MaxPayloadBytes) + "\"}";
        var deep = new string('[', 40) + new string(']', 40);

        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("payload"), (await _service.RequestAsync(ApprovalKind.Deregistration, "S1", big, "alice", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("payload"), (await _service.RequestAsync(ApprovalKind.Deregistration, "S1", deep, "alice", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("subject"), (await _service.RequestAsync(ApprovalKind.Deregistration, " ", "{}", "alice", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("subject"), (await _service.RequestAsync(ApprovalKind.Deregistration, "S1\nS2", "{}", "alice", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("principal"), (await _service.RequestAsync(ApprovalKind.Deregistration, "S1", "{}", "", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format("kind"), (await _service.RequestAsync((ApprovalKind)99, "S1", "{}", "alice", Ct)).Error);
        Assert.Empty(await _db.Store.ListApprovalsAsync(null, null, 10, Ct));
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        Assert.Equal(DeviceRepositoryErrors.ApprovalNotFound, (await _service.ApproveAsync(Guid.NewGuid().ToString(), "bob", Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.ApprovalNotFound, (await _service.RejectAsync(Guid.NewGuid().ToString(), "bob", null, Ct)).Error);
        Assert.Equal(DeviceRepositoryErrors.ApprovalNotFound, (await _service.GetAsync("nope", Ct)).Error);
    }

    [Fact]
    public void Two_handlers_for_one_kind_are_a_configuration_error()
    {
        Assert.Throws<InvalidOperationException>(() => new ApprovalService(
            _db.Store, [_handler, new CountingApprovalHandler(ApprovalKind.Deregistration)], _audit, _db.Time));
    }

    private ApprovalService Service(IDeviceApprovalStore store) => new(store, [_handler], _audit, _db.Time);

    private async Task<ApprovalRequest> RequestAsync(string serial)
    {
        var result = await _service.RequestAsync(ApprovalKind.Deregistration, serial, """{"reason":"cessationOfOperation"}""", "alice", Ct);
        Assert.True(result.IsSuccess, result.Error?.Code);
        return result.Value;
    }
}
