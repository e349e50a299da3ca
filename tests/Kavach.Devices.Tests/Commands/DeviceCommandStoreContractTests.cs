using Kavach.Devices.Commands;
using Kavach.Devices.Tests.Policy;
using Kavach.Storage;
using Kavach.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Commands;

/// <summary>What the command queue and run table must do on each database; a subclass names the database.</summary>
public abstract class DeviceCommandStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IKavachStore> _stores = [];
    private StoreOptions _options = null!;

    private static CancellationToken Ct => CancellationToken.None;

    private IKavachStore Store => _stores[0];

    public async Task InitializeAsync()
    {
        _options = await CreateOptionsAsync();
        OpenReplica();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected abstract Task<StoreOptions> CreateOptionsAsync();

    [Fact]
    public async Task A_command_round_trips_and_its_id_is_inserted_once()
    {
        var command = Command(SampleDevices.NewSerial());

        Assert.True(await Store.TryInsertCommandAsync(command, Ct));
        Assert.False(await Store.TryInsertCommandAsync(command with { Kind = OperationsCommandKinds.SyncTime }, Ct));

        var read = await Store.GetCommandAsync(command.CmdId, Ct);
        Assert.Equal(command, read);
        Assert.Null(await Store.GetCommandAsync(Guid.NewGuid().ToString("D"), Ct));
    }

    [Fact]
    public async Task Two_replicas_delivering_one_command_have_exactly_one_winner()
    {
        var command = Command(SampleDevices.NewSerial());
        await Store.TryInsertCommandAsync(command, Ct);
        var replica = OpenReplica();

        var wins = await Task.WhenAll(
            Store.TryMarkDeliveredAsync(command.CmdId, 0, Start.AddMinutes(1), Ct),
            replica.TryMarkDeliveredAsync(command.CmdId, 0, Start.AddMinutes(1), Ct));

        Assert.Single(wins, w => w);
        var read = await Store.GetCommandAsync(command.CmdId, Ct);
        Assert.Equal(DeviceCommandState.Delivered, read!.State);
        Assert.Equal(1, read.Attempts);
        Assert.Equal(Start.AddMinutes(1), read.DeliveredAt);
    }

    [Fact]
    public async Task An_expired_command_is_not_delivered()
    {
        var command = Command(SampleDevices.NewSerial());
        await Store.TryInsertCommandAsync(command, Ct);

        Assert.False(await Store.TryMarkDeliveredAsync(command.CmdId, 0, command.ExpiresAt, Ct));
        Assert.Equal(DeviceCommandState.Queued, (await Store.GetCommandAsync(command.CmdId, Ct))!.State);
    }

    [Fact]
    public async Task A_state_change_needs_the_state_and_attempts_the_writer_saw()
    {
        var command = Command(SampleDevices.NewSerial());
        await Store.TryInsertCommandAsync(command, Ct);
        await Store.TryMarkDeliveredAsync(command.CmdId, 0, Start.AddMinutes(1), Ct);

        Assert.False(await Store.TryChangeStateAsync(command.CmdId, DeviceCommandState.Queued, 0, DeviceCommandState.Succeeded, "{}", Start.AddMinutes(2), Ct));
        Assert.False(await Store.TryChangeStateAsync(command.CmdId, DeviceCommandState.Delivered, 0, DeviceCommandState.Succeeded, "{}", Start.AddMinutes(2), Ct));
        Assert.True(await Store.TryChangeStateAsync(command.CmdId, DeviceCommandState.Delivered, 1, DeviceCommandState.Succeeded, """{"ok":true}""", Start.AddMinutes(2), Ct));
        Assert.False(await Store.TryChangeStateAsync(command.CmdId, DeviceCommandState.Delivered, 1, DeviceCommandState.Failed, "{}", Start.AddMinutes(3), Ct));

        var read = await Store.GetCommandAsync(command.CmdId, Ct);
        Assert.Equal(DeviceCommandState.Succeeded, read!.State);
        Assert.Equal("""{"ok":true}""", read.Result);
        Assert.Equal(Start.AddMinutes(2), read.CompletedAt);
    }

    [Fact]
    public async Task Overdue_lists_expired_and_unanswered_commands_only()
    {
        var serial = SampleDevices.NewSerial();
        var expired = Command(serial) with { ExpiresAt = Start.AddMinutes(10) };
        var unanswered = Command(serial);
        var fresh = Command(serial);
        var other = Command(SampleDevices.NewSerial()) with { ExpiresAt = Start.AddMinutes(10) };
        foreach (var c in new[] { expired, unanswered, fresh, other })
        {
            await Store.TryInsertCommandAsync(c, Ct);
        }

        await Store.TryMarkDeliveredAsync(unanswered.CmdId, 0, Start.AddMinutes(1), Ct);
        await Store.TryMarkDeliveredAsync(fresh.CmdId, 0, Start.AddMinutes(30), Ct);

        var overdue = await Store.ListOverdueAsync(serial, Start.AddMinutes(31), Start.AddMinutes(5), 100, Ct);

        Assert.Equal(new[] { expired.CmdId, unanswered.CmdId }.Order(StringComparer.Ordinal), overdue.Select(c => c.CmdId).Order(StringComparer.Ordinal));
        Assert.Equal(2, overdue.Count);
        var all = await Store.ListOverdueAsync(null, Start.AddMinutes(31), Start.AddMinutes(5), 100, Ct);
        Assert.Contains(all, c => c.CmdId == other.CmdId);
    }

    [Fact]
    public async Task Two_replicas_claiming_one_day_have_exactly_one_winner_and_the_run_is_recorded()
    {
        var job = "test-" + Guid.NewGuid().ToString("N")[..8];
        var day = new DateOnly(2026, 12, 7);
        var replica = OpenReplica();

        var wins = await Task.WhenAll(
            Store.TryClaimRunAsync(job, day, "node-a", Start, Ct),
            replica.TryClaimRunAsync(job, day, "node-b", Start, Ct));

        Assert.Single(wins, w => w);
        Assert.True(await Store.TryClaimRunAsync(job, day.AddDays(1), "node-b", Start.AddDays(1), Ct));
        await Store.CompleteRunAsync(job, day, "OK", "devices=3", Start.AddMinutes(2), Ct);
        var run = await replica.GetRunAsync(job, day, Ct);
        Assert.NotNull(run);
        Assert.Equal(wins[0] ? "node-a" : "node-b", run.Node);
        Assert.Equal("OK", run.Outcome);
        Assert.Equal("devices=3", run.Summary);
        Assert.Equal(Start.AddMinutes(2), run.CompletedAt);
        Assert.Null(await Store.GetRunAsync(job, day.AddDays(5), Ct));
    }

    private static DeviceCommandRecord Command(string serial) =>
        new(Guid.NewGuid().ToString("D"), serial, OperationsCommandKinds.GetDeviceInfo, "{}", DeviceCommandState.Queued, Start, Start.AddDays(7), null, null, 0, 3, null, "admin1");

    private IKavachStore OpenReplica()
    {
        var store = KeyStores.Create(_options, new FakeTimeProvider(Start));
        _stores.Add(store);
        return store;
    }
}
