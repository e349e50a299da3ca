using System.Security.Cryptography;
using Kavach.Devices.Updates.Storage;
using Kavach.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Updates.Storage;

/// <summary>
/// What every <see cref="IDeviceUpdateStore"/> must do, run on SQLite and PostgreSQL by a subclass. A subclass's tests
/// share one database, so every test uses release counters and ids of its own.
/// </summary>
public abstract class UpdateStoreContractTests : IAsyncLifetime
{
    /// <summary>Whole microseconds: what the store keeps of an instant.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 7, 30, 0, 123, 456, TimeSpan.Zero);

    private readonly List<IKavachStore> _stores = [];
    private StoreOptions? _options;

    protected IKavachStore Store { get; private set; } = null!;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _options = await CreateOptionsAsync();
        Store = OpenReplica();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Trust_documents_are_kept_by_version_and_the_highest_is_current()
    {
        var first = new TrustRecord(1, Now.AddDays(365), "{\"signed\":{},\"signatures\":[\"v1\"]}", "alice", Now);

        Assert.True(await Store.TryInsertTrustAsync(first, Ct));
        Assert.False(await Store.TryInsertTrustAsync(first with { Document = "other" }, Ct));
        Assert.True(await Store.TryInsertTrustAsync(first with { Version = 2, Document = "v2" }, Ct));

        var latest = await OpenReplica().GetLatestTrustAsync(Ct);
        Assert.Equal(first with { Version = 2, Document = "v2" }, latest);
    }

    [Fact]
    public async Task Releases_round_trip_with_their_SBI_record()
    {
        var release = Release(NewCounter());

        Assert.True(await Store.TryInsertReleaseAsync(release, Ct));
        Assert.False(await Store.TryInsertReleaseAsync(release with { FirmwareVersion = "other" }, Ct));
        var read = await Store.GetReleaseAsync(release.ReleaseCounter, Ct);
        Assert.Equal(release.HardwareIds, read!.HardwareIds);
        Assert.Equal(release with { HardwareIds = read.HardwareIds }, read);

        var sbi = new SbiRecord(new string('h', 36), new string('v', 64), Now.AddDays(-1), Now.AddDays(30));
        Assert.True(await Store.TrySetSbiAsync(release.ReleaseCounter, sbi, Ct));
        Assert.False(await Store.TrySetSbiAsync(NewCounter(), sbi, Ct));
        Assert.Equal(sbi, (await Store.GetReleaseAsync(release.ReleaseCounter, Ct))!.Sbi);
        Assert.Contains(await Store.ListReleasesAsync(Ct), r => r.ReleaseCounter == release.ReleaseCounter);
        Assert.Null(await Store.GetReleaseAsync(NewCounter(), Ct));
    }

    [Fact]
    public async Task A_timestamp_signed_earlier_never_replaces_a_later_one()
    {
        var release = Release(NewCounter());
        Assert.True(await Store.TryInsertReleaseAsync(release, Ct));
        var later = new TimestampRecord(release.ReleaseCounter, "later", Now.AddHours(25), Now.AddHours(1));

        await Store.UpsertTimestampAsync(later, Ct);
        await OpenReplica().UpsertTimestampAsync(later with { Document = "earlier", Expires = Now.AddHours(24), SignedAt = Now }, Ct);
        Assert.Equal(later, await Store.GetTimestampAsync(release.ReleaseCounter, Ct));

        var newest = later with { Document = "newest", SignedAt = Now.AddHours(2), Expires = Now.AddHours(26) };
        await Store.UpsertTimestampAsync(newest, Ct);
        Assert.Equal(newest, await Store.GetTimestampAsync(release.ReleaseCounter, Ct));
    }

    [Fact]
    public async Task Artifacts_are_recorded_once_per_hash()
    {
        var artifact = new ArtifactRecord(RandomNumberGenerator.GetHexString(64, lowercase: true), 12_345_678_901, "firmware.bin", "alice", Now);

        Assert.True(await Store.TryInsertArtifactAsync(artifact, Ct));
        Assert.False(await OpenReplica().TryInsertArtifactAsync(artifact with { Name = "other.bin" }, Ct));
        Assert.Equal(artifact, await Store.GetArtifactAsync(artifact.Sha256, Ct));
        Assert.Null(await Store.GetArtifactAsync(new string('f', 64), Ct));
    }

    [Fact]
    public async Task Rollout_changes_are_conditional_on_the_row_version()
    {
        var rollout = await NewRolloutAsync();
        var read = await Store.GetRolloutAsync(rollout.RolloutId, Ct);
        Assert.Equal(rollout.GroupPercents, read!.GroupPercents);
        Assert.Equal(rollout with { GroupPercents = read.GroupPercents }, read);

        var paused = rollout with { State = RolloutState.Paused, UpdatedAt = Now.AddMinutes(1) };
        Assert.True(await Store.TryUpdateRolloutAsync(paused, 0, Ct));
        Assert.False(await OpenReplica().TryUpdateRolloutAsync(rollout with { State = RolloutState.Aborted }, 0, Ct));

        var stored = await Store.GetRolloutAsync(rollout.RolloutId, Ct);
        Assert.Equal(RolloutState.Paused, stored!.State);
        Assert.Equal(1, stored.Version);
        Assert.Contains(await Store.ListRolloutsAsync(Ct), r => r.RolloutId == rollout.RolloutId);
    }

    [Fact]
    public async Task A_start_writes_the_members_with_the_state_or_nothing()
    {
        var rollout = await NewRolloutAsync();
        var serials = Enumerable.Range(0, 5).Select(_ => "SN" + RandomNumberGenerator.GetHexString(12)).ToList();
        var members = serials.Select((s, i) => new RolloutMemberRecord(rollout.RolloutId, s, i < 2 ? 0 : 1, RolloutMemberStatus.Pending, Now)).ToList();
        var running = rollout with { State = RolloutState.Running, ApprovedBy = "bob" };

        Assert.False(await Store.TryStartRolloutAsync(running, 7, members, Ct));
        Assert.Empty(await Store.CountGroupsAsync(rollout.RolloutId, Ct));

        Assert.True(await Store.TryStartRolloutAsync(running, 0, members, Ct));
        Assert.Equal(RolloutState.Running, (await Store.GetRolloutAsync(rollout.RolloutId, Ct))!.State);
        Assert.Equal([new RolloutGroupCounts(0, 2, 0, 0, 0), new RolloutGroupCounts(1, 3, 0, 0, 0)], await Store.CountGroupsAsync(rollout.RolloutId, Ct));
        Assert.Equal(members[3], Assert.Single(await Store.ListMembershipsAsync(serials[3], Ct)));
    }

    [Fact]
    public async Task Member_status_changes_are_conditional_so_racing_replicas_count_a_report_once()
    {
        var rollout = await NewRolloutAsync();
        var serial = "SN" + RandomNumberGenerator.GetHexString(12);
        Assert.True(await Store.TryStartRolloutAsync(rollout with { State = RolloutState.Running }, 0, [new RolloutMemberRecord(rollout.RolloutId, serial, 0, RolloutMemberStatus.Offered, Now)], Ct));
        var replica = OpenReplica();

        var results = await Task.WhenAll(
            Store.TryChangeMemberStatusAsync(rollout.RolloutId, serial, RolloutMemberStatus.Offered, RolloutMemberStatus.Succeeded, Now, Ct),
            replica.TryChangeMemberStatusAsync(rollout.RolloutId, serial, RolloutMemberStatus.Offered, RolloutMemberStatus.Failed, Now, Ct));

        Assert.Equal(1, results.Count(r => r));
        var counts = Assert.Single(await Store.CountGroupsAsync(rollout.RolloutId, Ct));
        Assert.Equal(1, counts.Total);
        Assert.Equal(1, counts.Succeeded + counts.Failed);
    }

    protected abstract Task<StoreOptions> CreateOptionsAsync();

    private static long NewCounter() => RandomNumberGenerator.GetInt32(1, int.MaxValue);

    private static ReleaseRecord Release(long counter) =>
        new(counter, "2.0." + counter, ["MOSIP/SLAP01", "MOSIP/SLAP02"], "L1", 0, Now.AddDays(90), "{\"signed\":{}}", new string('a', 64), null, "alice", Now);

    private IKavachStore OpenReplica()
    {
        var store = KeyStores.Create(_options!, new FakeTimeProvider(Now));
        _stores.Add(store);
        return store;
    }

    private async Task<RolloutRecord> NewRolloutAsync()
    {
        var release = Release(NewCounter());
        Assert.True(await Store.TryInsertReleaseAsync(release, Ct));
        var rollout = new RolloutRecord(Guid.NewGuid().ToString(), release.ReleaseCounter, "MOSIP/SLAP01", [10, 50, 100], 90, 20, RolloutState.PendingApproval, 0, "alice", Now, "approval-1", null, Now, 0);
        Assert.True(await Store.TryInsertRolloutAsync(rollout, Ct));
        Assert.False(await Store.TryInsertRolloutAsync(rollout, Ct));
        return rollout;
    }
}
