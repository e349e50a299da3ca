using System.Security.Cryptography;
using Kavach.Trust.Channel;
using Kavach.Trust.Storage;

namespace Kavach.Storage.Tests.Trust;

/// <content>The partner channel's partners and replay ledger (migration 0008).</content>
public abstract partial class TrustRepositoryContractTests
{
    private IChannelPartnerRepository Partners => (IKavachStore)Repository;

    private IReplayLedger Ledger => (IKavachStore)Repository;

    [Fact]
    public async Task A_channel_partner_round_trips_and_a_second_insert_of_its_id_is_refused()
    {
        var record = Partner();
        Assert.True(await Partners.InsertChannelPartnerAsync(record, Ct));
        Assert.False(await Partners.InsertChannelPartnerAsync(record with { Organization = "Someone else" }, Ct));

        var expected = record with { TlsNotAfter = Truncated(record.TlsNotAfter), CreatedAt = Truncated(record.CreatedAt) };
        Assert.Equal(expected, await Partners.GetChannelPartnerAsync(record.PartnerId, Ct));
        Assert.Contains(expected, await Partners.ListChannelPartnersAsync(Ct));
        Assert.Null(await Partners.GetChannelPartnerAsync("absent-" + RandomNumberGenerator.GetHexString(8), Ct));
    }

    [Fact]
    public async Task Renewal_keeps_the_replaced_serial_and_revocation_ends_renewals()
    {
        var record = Partner();
        await Partners.InsertChannelPartnerAsync(record, Ct);

        Assert.True(await Partners.RenewChannelPartnerTlsAsync(record.PartnerId, "BB02", Now.AddDays(60), Now.AddDays(1), "renewer", Ct));
        var renewed = await Partners.GetChannelPartnerAsync(record.PartnerId, Ct);
        Assert.Equal(("BB02", "AA01"), (renewed!.TlsSerial, renewed.PreviousTlsSerial));
        Assert.Equal(Truncated(record.TlsNotAfter), renewed.PreviousTlsNotAfter);
        Assert.Equal(Truncated(Now.AddDays(60)), renewed.TlsNotAfter);
        Assert.Equal("renewer", renewed.UpdatedBy);

        Assert.True(await Partners.RevokeChannelPartnerAsync(record.PartnerId, "key compromise", Now.AddDays(2), "revoker", Ct));
        var revoked = await Partners.GetChannelPartnerAsync(record.PartnerId, Ct);
        Assert.Equal((ChannelPartnerRecord.Revoked, "key compromise"), (revoked!.Status, revoked.RevocationReason));
        Assert.Equal(Truncated(Now.AddDays(2)), revoked.RevokedAt);

        // A revoked partner is neither renewed nor revoked again; an unknown one neither.
        Assert.False(await Partners.RenewChannelPartnerTlsAsync(record.PartnerId, "CC03", Now.AddDays(90), Now.AddDays(3), "renewer", Ct));
        Assert.False(await Partners.RevokeChannelPartnerAsync(record.PartnerId, "again", Now.AddDays(3), "revoker", Ct));
        Assert.False(await Partners.RevokeChannelPartnerAsync("absent-" + RandomNumberGenerator.GetHexString(8), "x", Now, "revoker", Ct));
        Assert.Equal("BB02", (await Partners.GetChannelPartnerAsync(record.PartnerId, Ct))!.TlsSerial);
    }

    [Fact]
    public async Task The_replay_ledger_refuses_a_live_key_takes_over_an_expired_one_and_purges()
    {
        var key = "p1:" + RandomNumberGenerator.GetHexString(32);
        Assert.True(await Ledger.TryRecordAsync(key, Now.AddMinutes(2), Ct));
        Assert.False(await Ledger.TryRecordAsync(key, Now.AddMinutes(2), Ct));
        Assert.False(await Ledger.TryRecordAsync(key, Now.AddMinutes(10), Ct));

        // The store's clock stands at Now: an entry that expired before it is taken over by the next request.
        var stale = "p1:" + RandomNumberGenerator.GetHexString(32);
        Assert.True(await Ledger.TryRecordAsync(stale, Now.AddMinutes(-1), Ct));
        Assert.True(await Ledger.TryRecordAsync(stale, Now.AddMinutes(2), Ct));
        Assert.False(await Ledger.TryRecordAsync(stale, Now.AddMinutes(2), Ct));

        // Identifiers longer than the column are kept by their hash, and still refused the second time.
        var longKey = "p1:" + new string('x', 400) + RandomNumberGenerator.GetHexString(8);
        Assert.True(await Ledger.TryRecordAsync(longKey, Now.AddMinutes(2), Ct));
        Assert.False(await Ledger.TryRecordAsync(longKey, Now.AddMinutes(2), Ct));

        var old = "p1:" + RandomNumberGenerator.GetHexString(32);
        Assert.True(await Ledger.TryRecordAsync(old, Now.AddYears(-5), Ct));
        Assert.True(await Ledger.PurgeExpiredAsync(Now.AddYears(-5).AddSeconds(1), Ct) >= 1);
        Assert.False(await Ledger.TryRecordAsync(key, Now.AddMinutes(2), Ct));
    }

    [Fact]
    public async Task Two_replicas_racing_on_one_replay_key_let_exactly_one_request_through()
    {
        await using var replica = OpenReplica();
        var keys = Enumerable.Range(0, 20).Select(_ => "race:" + RandomNumberGenerator.GetHexString(32)).ToList();

        var results = await Task.WhenAll(keys.SelectMany(key => new[]
        {
            Task.Run(async () => (key, await Ledger.TryRecordAsync(key, Now.AddMinutes(2), Ct))),
            Task.Run(async () => (key, await replica.TryRecordAsync(key, Now.AddMinutes(2), Ct))),
        }));

        Assert.All(results.GroupBy(r => r.key), group => Assert.Equal(1, group.Count(r => r.Item2)));
    }

    [Fact]
    public async Task Concurrent_requests_sharing_one_commit_each_learn_whether_their_own_key_was_new()
    {
        // Entries of concurrent requests are written in one transaction: a key sent twice at once (a replay racing its
        // original) must still get exactly one acceptance, and distinct keys in the same batch must all be accepted.
        var keys = Enumerable.Range(0, 40).Select(_ => "batch:" + RandomNumberGenerator.GetHexString(32)).ToList();

        var results = await Task.WhenAll(keys.Concat(keys).Select(key => Task.Run(async () => (key, await Ledger.TryRecordAsync(key, Now.AddMinutes(2), Ct)))));

        Assert.All(results.GroupBy(r => r.key), group => Assert.Equal(1, group.Count(r => r.Item2)));
        foreach (var key in keys)
        {
            Assert.False(await Ledger.TryRecordAsync(key, Now.AddMinutes(2), Ct));
        }
    }

    private static ChannelPartnerRecord Partner() => new(
        "partner-" + RandomNumberGenerator.GetHexString(10, lowercase: true),
        "Partner Org",
        "AUTH",
        "IDA",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n",
        Guid.NewGuid().ToString(),
        Guid.NewGuid().ToString(),
        "AA01",
        Now.AddDays(30),
        null,
        null,
        ChannelPartnerRecord.Active,
        null,
        Now,
        "onboarder",
        null,
        null,
        null);
}
