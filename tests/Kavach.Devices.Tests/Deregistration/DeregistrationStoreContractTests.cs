using Kavach.Devices.Deregistration;
using Kavach.Devices.Tests.Support;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>The de-registration table over a real store; run on SQLite and PostgreSQL by the subclasses.</summary>
public abstract class DeregistrationStoreContractTests : IAsyncLifetime
{
    private DeviceStoreHarness? _harness;

    private IDeregistrationStore Store => _harness!.Store;

    private DateTimeOffset Now => _harness!.Time.GetUtcNow();

    public async Task InitializeAsync() => _harness = await CreateHarnessAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Fact]
    public async Task One_open_request_per_device_with_conditional_moves_and_the_overdue_list()
    {
        var first = new DeregistrationRecord(Guid.NewGuid().ToString(), "SN-A", "returned", DeregistrationState.Requested, "admin-a", Now, "approval-1");
        Assert.True(await Store.TryInsertDeregistrationAsync(first, default));
        Assert.False(await Store.TryInsertDeregistrationAsync(first with { Id = Guid.NewGuid().ToString() }, default));
        Assert.Equal(first, await Store.GetDeregistrationAsync(first.Id, default));
        Assert.Equal(first.Id, (await Store.GetOpenDeregistrationAsync("SN-A", default))?.Id);
        Assert.Null(await Store.GetOpenDeregistrationAsync("SN-B", default));

        var approved = first with { State = DeregistrationState.Deregistering, ApprovedBy = "admin-b", ApprovedAt = Now, DeadlineAt = Now.AddDays(7), CommandId = first.Id };
        Assert.True(await Store.TryUpdateDeregistrationAsync(approved, DeregistrationState.Requested, default));

        // A second writer acting on the state it read before loses.
        Assert.False(await Store.TryUpdateDeregistrationAsync(approved with { State = DeregistrationState.Rejected }, DeregistrationState.Requested, default));
        Assert.Equal(approved, await Store.GetDeregistrationAsync(first.Id, default));

        Assert.Empty(await Store.ListOverdueDeregistrationsAsync(Now.AddDays(7).AddSeconds(-1), 10, default));
        Assert.Equal(first.Id, Assert.Single(await Store.ListOverdueDeregistrationsAsync(Now.AddDays(7), 10, default)).Id);

        var done = approved with { State = DeregistrationState.Completed, CompletedAt = Now, Outcome = DeregistrationOutcomes.Overdue };
        Assert.True(await Store.TryUpdateDeregistrationAsync(done, DeregistrationState.Deregistering, default));
        Assert.Empty(await Store.ListOverdueDeregistrationsAsync(Now.AddDays(30), 10, default));
        Assert.Null(await Store.GetOpenDeregistrationAsync("SN-A", default));

        // Once closed, the device may be de-registered again (after a new enrolment).
        Assert.True(await Store.TryInsertDeregistrationAsync(first with { Id = Guid.NewGuid().ToString() }, default));
    }

    protected abstract Task<DeviceStoreHarness> CreateHarnessAsync();
}
