using Kavach.Keys.Storage;
using Kavach.Storage.Inventory;

namespace Kavach.Storage.Tests;

/// <summary>The key inventory the database computes (<see cref="IKeyInventoryStore"/>): counts by state and keyset pages.</summary>
public abstract partial class KeyStoreContractTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Keys_are_counted_by_state_per_application_and_per_reference()
    {
        var appId = NewAppId();
        var master = NewAlias(appId, "", Now.AddDays(-100)) with { ExpiresAt = Now.AddDays(900) };
        var oldMaster = NewAlias(appId, "", Now.AddDays(-900)) with { ExpiresAt = Now.AddDays(-100) };
        var active = NewAlias(appId, "A", Now.AddDays(-10)) with { ExpiresAt = Now.AddDays(20) };
        var expired = NewAlias(appId, "A", Now.AddDays(-800)) with { ExpiresAt = Now.AddDays(-70) };
        var revoked = NewAlias(appId, "B", Now.AddDays(-10)) with { ExpiresAt = Now.AddMinutes(-5) };
        var future = NewAlias(appId, "B", Now.AddDays(3)) with { ExpiresAt = Now.AddDays(400) };
        await InsertCommittedAsync(master, oldMaster, active, expired, revoked, future);
        var clock = new KeyStateClock(Now, [revoked.Id, "not-" + appId]);
        var inventory = (IKeyInventoryStore)Store;

        var perApp = Assert.Single(await inventory.CountKeysByApplicationAsync(clock, Ct), g => g.AppId == appId);
        Assert.Equal(new KeyGroupCount(appId, null, 3, 6, 2, 2, 1, TruncatedToMicroseconds(active.ExpiresAt), master.Id), perApp);

        var perRef = await inventory.CountKeysByReferenceAsync(appId, clock, Ct);
        Assert.Equal(
            [
                new KeyGroupCount(appId, "", 1, 2, 1, 1, 0, TruncatedToMicroseconds(master.ExpiresAt), master.Id),
                new KeyGroupCount(appId, "A", 1, 2, 1, 1, 0, TruncatedToMicroseconds(active.ExpiresAt), master.Id),
                new KeyGroupCount(appId, "B", 1, 2, 0, 0, 1, null, master.Id),
            ],
            perRef);

        // Without the audit trail's word, the revoked key is merely expired.
        var unaware = Assert.Single(await inventory.CountKeysByApplicationAsync(new KeyStateClock(Now, []), Ct), g => g.AppId == appId);
        Assert.Equal((3L, 0L), (unaware.Expired, unaware.Revoked));
    }

    [Fact]
    public async Task Keys_are_listed_by_state_and_paged_by_keyset_without_gaps()
    {
        var appId = NewAppId();
        var aliases = Enumerable.Range(0, 7)
            .Select(i => NewAlias(appId, i < 3 ? "" : "R" + (i % 2), Now.AddDays(-30 + i)) with { ExpiresAt = Now.AddDays(5 + (7 - i)) })
            .ToList();
        var expired = NewAlias(appId, "R0", Now.AddDays(-900)) with { ExpiresAt = Now.AddDays(-1) };
        aliases.Add(expired);
        await InsertCommittedAsync([.. aliases]);
        var clock = new KeyStateClock(Now, []);
        var inventory = (IKeyInventoryStore)Store;

        var pages = new List<KeyAliasDetail>();
        KeyAliasCursor? after = null;
        while (true)
        {
            var page = await inventory.ListKeysAsync(new KeyAliasQuery(clock, appId, null, null, null, after, 3), Ct);
            pages.AddRange(page);
            if (page.Count < 3)
            {
                break;
            }

            var last = page[^1].Alias;
            after = new KeyAliasCursor(last.AppId, last.RefId, last.GeneratedAt, last.Id, last.ExpiresAt);
        }

        var expected = aliases.OrderBy(a => a.RefId, StringComparer.Ordinal).ThenBy(a => a.GeneratedAt).Select(a => a.Id).ToList();
        Assert.Equal(expected, pages.Select(p => p.Alias.Id));
        Assert.All(pages, p => Assert.True(p.InVault));

        var onlyExpired = await inventory.ListKeysAsync(new KeyAliasQuery(clock, appId, null, KeyAliasState.Expired, null, null, 100), Ct);
        Assert.Equal([expired.Id], onlyExpired.Select(p => p.Alias.Id));
        var r1 = await inventory.ListKeysAsync(new KeyAliasQuery(clock, appId, "R1", KeyAliasState.Active, null, null, 100), Ct);
        Assert.All(r1, p => Assert.Equal("R1", p.Alias.RefId));
        Assert.Equal(2, r1.Count);

        // The expiry timeline: active keys expiring by then, soonest first, paged on (expiry, alias).
        var timeline = new List<string>();
        after = null;
        while (true)
        {
            var page = await inventory.ListKeysAsync(new KeyAliasQuery(clock, appId, null, null, Now.AddDays(9), after, 2), Ct);
            timeline.AddRange(page.Select(p => p.Alias.Id));
            if (page.Count < 2)
            {
                break;
            }

            var last = page[^1].Alias;
            after = new KeyAliasCursor(last.AppId, last.RefId, last.GeneratedAt, last.Id, last.ExpiresAt);
        }

        var soon = aliases.Where(a => a != expired && a.ExpiresAt <= Now.AddDays(9)).OrderBy(a => a.ExpiresAt).Select(a => a.Id).ToList();
        Assert.Equal(4, soon.Count);
        Assert.Equal(soon, timeline);
    }
}
