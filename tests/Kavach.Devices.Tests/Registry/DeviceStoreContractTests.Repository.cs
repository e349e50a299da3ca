using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.Devices.Tests.Registry;

/// <content>Providers, models and whitelist batches.</content>
public abstract partial class DeviceStoreContractTests
{
    protected static WhitelistEntry Entry(string? serial = null) =>
        new(serial ?? NewSerial(), "MOSIP", "SLAP01", "Finger", "Slap", "L1", "Auth", "Staging", NewHash(), null);

    protected async Task<DeviceProviderRecord> InsertProviderAsync()
    {
        var provider = new DeviceProviderRecord("P" + NewSerial(), "Org " + NewSerial(), DeviceProviderKind.Device, true, "alice", Now);
        Assert.True(await Store.TryInsertProviderAsync(provider, Ct));
        return provider;
    }

    protected static WhitelistBatchRecord Batch(string providerId, int count) =>
        new("B" + NewSerial(), providerId, WhitelistBatchState.Pending, count, NewHash(), NewHash(), "header.payload.signature", null, "alice", Now, null, null);

    [Fact]
    public async Task Providers_and_models_read_back_as_written_and_are_unique()
    {
        var provider = await InsertProviderAsync();
        var model = new DeviceModelRecord("M" + NewSerial(), provider.ProviderId, "Face", "Full face", "MAKE", "MODEL", true, "alice", Now);

        Assert.True(await Store.TryInsertModelAsync(model, Ct));

        Assert.Equal(provider, await Store.GetProviderAsync(provider.ProviderId, Ct));
        Assert.Contains(provider, await Store.ListProvidersAsync(Ct));
        Assert.False(await Store.TryInsertProviderAsync(provider with { OrganizationName = "Other" }, Ct));
        Assert.Equal(model, await Store.GetModelAsync(model.Id, Ct));
        Assert.Equal(model, await Store.FindModelAsync(provider.ProviderId, "MAKE", "MODEL", Ct));
        Assert.Equal([model], await Store.ListModelsAsync(provider.ProviderId, Ct));
        Assert.False(await Store.TryInsertModelAsync(model with { Make = "OTHER" }, Ct));
        Assert.False(await Store.TryInsertModelAsync(model with { Id = "M" + NewSerial() }, Ct));
    }

    [Fact]
    public async Task A_model_is_deactivated_once()
    {
        var provider = await InsertProviderAsync();
        var model = new DeviceModelRecord("M" + NewSerial(), provider.ProviderId, "Iris", "Double", "MAKE", "MODEL", true, "alice", Now);
        Assert.True(await Store.TryInsertModelAsync(model, Ct));

        Assert.True(await Store.TrySetModelActiveAsync(model.Id, false, "bob", Now.AddHours(1), Ct));
        Assert.False(await Store.TrySetModelActiveAsync(model.Id, false, "carol", Now.AddHours(2), Ct));

        Assert.Equal(model with { IsActive = false, UpdatedBy = "bob", UpdatedAt = Now.AddHours(1) }, await Store.GetModelAsync(model.Id, Ct));
    }

    [Fact]
    public async Task A_batch_and_its_entries_are_written_together_and_decided_once()
    {
        var provider = await InsertProviderAsync();
        var entries = new[] { Entry(), Entry() with { Certification = "L0", Purpose = "Registration", FtmCertSha256 = null, L0KeySha256 = NewHash() } };
        var batch = Batch(provider.ProviderId, entries.Length);

        Assert.True(await Store.TryInsertBatchAsync(batch, entries, Ct));
        Assert.False(await Store.TryInsertBatchAsync(batch, [Entry()], Ct));
        Assert.True(await Store.TrySetBatchApprovalAsync(batch.BatchId, "APPROVAL-1", Ct));
        Assert.False(await Store.TrySetBatchApprovalAsync(batch.BatchId, "APPROVAL-2", Ct));

        Assert.Equal(batch with { ApprovalId = "APPROVAL-1" }, await Store.GetBatchAsync(batch.BatchId, Ct));
        Assert.Equal(entries.OrderBy(e => e.SerialNo, StringComparer.Ordinal), await Store.ListEntriesAsync(batch.BatchId, Ct));

        Assert.True(await Store.TryDecideBatchAsync(batch.BatchId, WhitelistBatchState.Approved, "bob", Now.AddHours(1), Ct));
        Assert.False(await Store.TryDecideBatchAsync(batch.BatchId, WhitelistBatchState.Rejected, "carol", Now.AddHours(2), Ct));
        var decided = await Store.GetBatchAsync(batch.BatchId, Ct);
        Assert.Equal((WhitelistBatchState.Approved, "bob", (DateTimeOffset?)Now.AddHours(1)), (decided!.State, decided.DecidedBy, decided.DecidedAt));
        Assert.Contains(await Store.ListBatchesAsync(WhitelistBatchState.Approved, 1000, Ct), b => b.BatchId == batch.BatchId);
        Assert.DoesNotContain(await Store.ListBatchesAsync(WhitelistBatchState.Pending, 1000, Ct), b => b.BatchId == batch.BatchId);
    }

    [Fact]
    public async Task Known_serials_are_those_registered_or_in_a_pending_batch()
    {
        var provider = await InsertProviderAsync();
        var registered = await InsertDeviceAsync();
        var pending = Entry();
        var rejected = Entry();
        var pendingBatch = Batch(provider.ProviderId, 1);
        var rejectedBatch = Batch(provider.ProviderId, 1);
        Assert.True(await Store.TryInsertBatchAsync(pendingBatch, [pending], Ct));
        Assert.True(await Store.TryInsertBatchAsync(rejectedBatch, [rejected], Ct));
        Assert.True(await Store.TryDecideBatchAsync(rejectedBatch.BatchId, WhitelistBatchState.Rejected, "bob", Now, Ct));

        // More serials than one statement takes, to cross a chunk boundary.
        var unknown = Enumerable.Range(0, 900).Select(_ => NewSerial()).ToList();
        var known = await Store.FindKnownSerialsAsync([.. unknown, registered.SerialNo, pending.SerialNo, rejected.SerialNo], Ct);

        Assert.Equal(new[] { registered.SerialNo, pending.SerialNo }.Order(StringComparer.Ordinal), known.Order(StringComparer.Ordinal));
    }
}
