using Kavach.Devices.Commands;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Policy;
using Kavach.Testing;

namespace Kavach.Devices.Tests.Commands;

/// <summary>The command rules of spec §4.6 (§5.1 item 5) on SQLite with a fake clock.</summary>
public sealed class DeviceCommandServiceTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new("kavach-ops");
    private readonly CountingObserver _observer = new();
    private Kavach.Storage.StoreOptions _options = null!;
    private CommandHarness _h = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync()
    {
        _options = OperationsDatabase.NewSqlite(_folder);
        _h = CommandHarness.Create(_options, observer: _observer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_queued_command_is_delivered_once_by_check_in_and_its_result_stored_idempotently()
    {
        var device = _h.AddDevice();
        var queued = await _h.Service.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        Assert.True(queued.IsSuccess);
        Assert.Equal("{}", queued.Value.Args);

        var first = await _h.Service.TakePendingAsync(device, Ct);
        var second = await _h.Service.TakePendingAsync(device, Ct);

        var delivered = Assert.Single(first);
        Assert.Equal(queued.Value.CmdId, delivered.CmdId);
        Assert.Equal(DeviceCommandState.Delivered, delivered.State);
        Assert.Empty(second);

        const string result = """{"firmware":"1.2.3","deviceStatus":"Ready"}""";
        var accepted = await _h.Service.SubmitResultAsync(device.SerialNo, delivered.CmdId, DeviceCommandState.Succeeded, result, Ct);
        var again = await _h.Service.SubmitResultAsync(device.SerialNo, delivered.CmdId, DeviceCommandState.Succeeded, result, Ct);

        Assert.False(accepted.Value.Duplicate);
        Assert.True(again.Value.Duplicate);
        var stored = await _h.Store.GetCommandAsync(delivered.CmdId, Ct);
        Assert.Equal(DeviceCommandState.Succeeded, stored!.State);
        Assert.Equal(result, stored.Result);
        Assert.Single(_h.Audit.Of("device.command.result"));
    }

    [Fact]
    public async Task A_different_result_for_a_finished_command_is_refused_and_changes_nothing()
    {
        var device = _h.AddDevice();
        var cmd = await DeliveredAsync(device);
        await _h.Service.SubmitResultAsync(device.SerialNo, cmd.CmdId, DeviceCommandState.Succeeded, """{"a":1}""", Ct);
        var before = await _h.Store.GetCommandAsync(cmd.CmdId, Ct);

        var other = await _h.Service.SubmitResultAsync(device.SerialNo, cmd.CmdId, DeviceCommandState.Succeeded, """{"a":2}""", Ct);
        var failed = await _h.Service.SubmitResultAsync(device.SerialNo, cmd.CmdId, DeviceCommandState.Failed, """{"a":1}""", Ct);

        Assert.Equal(DeviceOperationErrors.ResultConflict, other.Error);
        Assert.Equal(DeviceOperationErrors.ResultConflict, failed.Error);
        Assert.Equal(before, await _h.Store.GetCommandAsync(cmd.CmdId, Ct));
        Assert.Equal(2, _h.Audit.Of("device.command.result").Count(e => e.Outcome == "KER-DEV-063"));
    }

    [Fact]
    public async Task Attack_a_result_for_another_devices_command_is_refused_like_an_unknown_id()
    {
        var victim = _h.AddDevice();
        var attacker = _h.AddDevice();
        var cmd = await DeliveredAsync(victim);

        var stolen = await _h.Service.SubmitResultAsync(attacker.SerialNo, cmd.CmdId, DeviceCommandState.Succeeded, "{}", Ct);
        var unknown = await _h.Service.SubmitResultAsync(attacker.SerialNo, Guid.NewGuid().ToString("D"), DeviceCommandState.Succeeded, "{}", Ct);

        Assert.Equal(DeviceOperationErrors.UnknownCommand, stolen.Error);
        Assert.Equal(stolen.Error, unknown.Error);
        Assert.Equal(DeviceCommandState.Delivered, (await _h.Store.GetCommandAsync(cmd.CmdId, Ct))!.State);
    }

    [Theory]
    [InlineData("capture", null)]
    [InlineData("stream", null)]
    [InlineData("rcapture", null)]
    [InlineData("rotateKey", """{"rotationId":"6f1c2a8e-4b8d-4a39-9a59-7f1d9b0c1d2e","deadline":"x"}""")]
    [InlineData("deregister", """{"reason":"x"}""")]
    [InlineData("getDeviceInfo", """{"bioValue":"AAAA"}""")]
    [InlineData("getLogs", """{"sinceSeq":1,"sinceSeq":2}""")]
    [InlineData("getLogs", """{"sinceSeq":-1}""")]
    [InlineData("setPolicy", """{"checkinSeconds":5,"rotateAfterDays":20,"certDays":30}""")]
    [InlineData("setPolicy", """{"checkinSeconds":900,"rotateAfterDays":30,"certDays":30}""")]
    [InlineData("GETDEVICEINFO", null)]
    [InlineData("setPolicy", "[]")]
    [InlineData("syncTime", "{not json")]
    public async Task Attack_a_command_outside_the_administrators_catalogue_is_never_queued(string kind, string? args)
    {
        var device = _h.AddDevice();

        var result = await _h.Service.EnqueueAsync(device.SerialNo, kind, args, "admin1", null, Ct);

        Assert.Equal(DeviceOperationErrors.CommandNotAllowed, result.Error);
        Assert.Empty(await _h.Store.ListCommandsAsync(device.SerialNo, null, 10, Ct));
        Assert.Contains(_h.Audit.Of("device.command.enqueue"), e => e.Outcome == "KER-DEV-061");
    }

    [Theory]
    [InlineData(DeviceState.Whitelisted)]
    [InlineData(DeviceState.Deregistering)]
    [InlineData(DeviceState.Deregistered)]
    [InlineData(DeviceState.Quarantined)]
    [InlineData(DeviceState.Expired)]
    public async Task Only_an_active_device_takes_an_administrators_command(DeviceState state)
    {
        var device = _h.AddDevice(state);

        var result = await _h.Service.EnqueueAsync(device.SerialNo, "syncTime", "{}", "admin1", null, Ct);
        var unknown = await _h.Service.EnqueueAsync("NOSUCHSERIAL0001", "syncTime", "{}", "admin1", null, Ct);

        Assert.Equal(DeviceOperationErrors.DeviceNotCommandable, result.Error);
        Assert.Equal(DeviceOperationErrors.DeviceNotCommandable, unknown.Error);
        Assert.Empty(await _h.Store.ListCommandsAsync(device.SerialNo, null, 10, Ct));
    }

    [Fact]
    public async Task A_deregistering_device_gets_only_its_deregister_command()
    {
        var device = _h.AddDevice();
        await _h.Service.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        var dereg = await _h.Service.EnqueueSystemAsync(device.SerialNo, "deregister", """{"reason":"retired"}""", _h.Time.GetUtcNow().AddDays(7), 10, null, Ct);
        var deregistering = device with { State = DeviceState.Deregistering };

        var taken = await _h.Service.TakePendingAsync(deregistering, Ct);

        Assert.Equal([dereg.Value.CmdId], taken.Select(c => c.CmdId));
    }

    [Fact]
    public async Task A_delivered_command_without_a_result_is_delivered_again_then_times_out_after_the_last_attempt()
    {
        var device = _h.AddDevice();
        var cmd = await DeliveredAsync(device);
        var timeout = _h.Service.Options.ResultTimeout;

        _h.Time.Advance(timeout);
        var retry = Assert.Single(await _h.Service.TakePendingAsync(device, Ct));
        Assert.Equal((cmd.CmdId, 2), (retry.CmdId, retry.Attempts));

        _h.Time.Advance(timeout);
        Assert.Equal(3, Assert.Single(await _h.Service.TakePendingAsync(device, Ct)).Attempts);

        _h.Time.Advance(timeout);
        Assert.Empty(await _h.Service.TakePendingAsync(device, Ct));
        var stored = await _h.Store.GetCommandAsync(cmd.CmdId, Ct);
        Assert.Equal(DeviceCommandState.TimedOut, stored!.State);
        Assert.Equal(cmd.CmdId, Assert.Single(_observer.TimedOut).CmdId);

        var late = await _h.Service.SubmitResultAsync(device.SerialNo, cmd.CmdId, DeviceCommandState.Succeeded, "{}", Ct);
        Assert.Equal(DeviceOperationErrors.CommandClosed, late.Error);
        Assert.Equal(DeviceCommandState.TimedOut, (await _h.Store.GetCommandAsync(cmd.CmdId, Ct))!.State);
    }

    [Fact]
    public async Task A_command_past_its_expiry_is_never_delivered_and_times_out()
    {
        var device = _h.AddDevice();
        var cmd = await _h.Service.EnqueueAsync(device.SerialNo, "syncTime", null, "admin1", TimeSpan.FromHours(1), Ct);

        _h.Time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(await _h.Service.TakePendingAsync(device, Ct));
        Assert.Equal(DeviceCommandState.TimedOut, (await _h.Store.GetCommandAsync(cmd.Value.CmdId, Ct))!.State);
        Assert.Single(_observer.TimedOut);
    }

    [Fact]
    public async Task A_result_for_a_command_never_delivered_is_refused()
    {
        var device = _h.AddDevice();
        var cmd = await _h.Service.EnqueueAsync(device.SerialNo, "syncTime", null, "admin1", null, Ct);

        var result = await _h.Service.SubmitResultAsync(device.SerialNo, cmd.Value.CmdId, DeviceCommandState.Succeeded, "{}", Ct);

        Assert.Equal(DeviceOperationErrors.CommandClosed, result.Error);
        Assert.Equal(DeviceCommandState.Queued, (await _h.Store.GetCommandAsync(cmd.Value.CmdId, Ct))!.State);
    }

    [Theory]
    [InlineData(DeviceCommandState.Queued, "{}")]
    [InlineData(DeviceCommandState.TimedOut, "{}")]
    [InlineData(DeviceCommandState.Succeeded, "[1]")]
    [InlineData(DeviceCommandState.Succeeded, """{"a":1,"a":2}""")]
    [InlineData(DeviceCommandState.Succeeded, "{\"a\":")]
    public async Task An_invalid_result_is_refused_and_changes_nothing(DeviceCommandState outcome, string json)
    {
        var device = _h.AddDevice();
        var cmd = await DeliveredAsync(device);

        var result = await _h.Service.SubmitResultAsync(device.SerialNo, cmd.CmdId, outcome, json, Ct);

        Assert.Equal(DeviceOperationErrors.InvalidResult, result.Error);
        Assert.Equal(cmd, await _h.Store.GetCommandAsync(cmd.CmdId, Ct));
    }

    [Fact]
    public async Task A_long_poll_returns_a_command_queued_while_it_waits()
    {
        var device = _h.AddDevice();
        var waiting = _h.Service.WaitForPendingAsync(device, TimeSpan.FromSeconds(55), Ct);
        Assert.False(waiting.IsCompleted);

        var cmd = await _h.Service.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        var taken = await DriveAsync(waiting);

        Assert.Equal(cmd.Value.CmdId, Assert.Single(taken).CmdId);
        Assert.Equal(DeviceCommandState.Delivered, (await _h.Store.GetCommandAsync(cmd.Value.CmdId, Ct))!.State);
    }

    [Fact]
    public async Task A_long_poll_finds_a_command_queued_on_another_replica_on_its_next_read()
    {
        var device = _h.AddDevice();
        await using var other = CommandHarness.Create(_options, time: _h.Time, registry: _h.Registry);
        var waiting = _h.Service.WaitForPendingAsync(device, TimeSpan.FromSeconds(55), Ct);

        var cmd = await other.Service.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin2", null, Ct);
        var taken = await DriveAsync(waiting);

        Assert.Equal(cmd.Value.CmdId, Assert.Single(taken).CmdId);
    }

    [Fact]
    public async Task A_long_poll_with_nothing_pending_ends_empty_at_its_wait_capped_at_55_seconds()
    {
        var device = _h.AddDevice();
        var started = _h.Time.GetUtcNow();

        var taken = await DriveAsync(_h.Service.WaitForPendingAsync(device, TimeSpan.FromMinutes(10), Ct));

        Assert.Empty(taken);
        var waited = _h.Time.GetUtcNow() - started;
        Assert.InRange(waited, TimeSpan.FromSeconds(55), TimeSpan.FromSeconds(60));
    }

    private async Task<DeviceCommandRecord> DeliveredAsync(DeviceRecord device)
    {
        await _h.Service.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        return Assert.Single(await _h.Service.TakePendingAsync(device, Ct));
    }

    // Moves the fake clock in steps until the long-poll ends (each step lets its timer fire; the real pause only yields).
    private async Task<IReadOnlyList<DeviceCommandRecord>> DriveAsync(Task<IReadOnlyList<DeviceCommandRecord>> waiting)
    {
        for (var step = 0; step < 200 && !waiting.IsCompleted; step++)
        {
            await Task.WhenAny(waiting, Task.Delay(20));
            if (!waiting.IsCompleted)
            {
                _h.Time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(waiting.IsCompleted, "the long-poll did not end");
        return await waiting;
    }
}
