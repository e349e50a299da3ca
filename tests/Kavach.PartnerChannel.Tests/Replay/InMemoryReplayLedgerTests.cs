using Kavach.PartnerChannel.Replay;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.PartnerChannel.Tests.Replay;

public sealed class InMemoryReplayLedgerTests
{
    [Fact]
    public async Task Second_record_of_a_live_identifier_is_a_replay()
    {
        var time = new FakeTimeProvider();
        var ledger = new InMemoryReplayLedger(time);

        Assert.True(await ledger.TryRecordAsync("a", time.GetUtcNow().AddMinutes(2), CancellationToken.None));
        Assert.False(await ledger.TryRecordAsync("a", time.GetUtcNow().AddMinutes(2), CancellationToken.None));
        Assert.True(await ledger.TryRecordAsync("b", time.GetUtcNow().AddMinutes(2), CancellationToken.None));
    }

    [Fact]
    public async Task Expired_identifiers_are_forgotten()
    {
        var time = new FakeTimeProvider();
        var ledger = new InMemoryReplayLedger(time);
        await ledger.TryRecordAsync("a", time.GetUtcNow().AddMinutes(2), CancellationToken.None);
        await ledger.TryRecordAsync("b", time.GetUtcNow().AddMinutes(5), CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(3));

        Assert.True(await ledger.TryRecordAsync("a", time.GetUtcNow().AddMinutes(2), CancellationToken.None));
        Assert.Equal(0, await ledger.PurgeExpiredAsync(time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(2, await ledger.PurgeExpiredAsync(time.GetUtcNow().AddMinutes(10), CancellationToken.None));
        Assert.Equal(0, ledger.Count);
    }

    [Fact]
    public async Task Full_ledger_refuses_rather_than_forgetting_a_live_identifier()
    {
        var time = new FakeTimeProvider();
        var ledger = new InMemoryReplayLedger(time, capacity: 2);
        await ledger.TryRecordAsync("a", time.GetUtcNow().AddMinutes(2), CancellationToken.None);
        await ledger.TryRecordAsync("b", time.GetUtcNow().AddMinutes(2), CancellationToken.None);

        Assert.False(await ledger.TryRecordAsync("c", time.GetUtcNow().AddMinutes(2), CancellationToken.None));
        Assert.False(await ledger.TryRecordAsync("a", time.GetUtcNow().AddMinutes(2), CancellationToken.None));

        time.Advance(TimeSpan.FromMinutes(3));
        Assert.True(await ledger.TryRecordAsync("c", time.GetUtcNow().AddMinutes(2), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_records_of_one_identifier_admit_exactly_one()
    {
        var time = new FakeTimeProvider();
        var ledger = new InMemoryReplayLedger(time);

        bool[] results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () => await ledger.TryRecordAsync("same", time.GetUtcNow().AddMinutes(2), CancellationToken.None))));

        Assert.Equal(1, results.Count(r => r));
    }
}
