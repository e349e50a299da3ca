using System.Diagnostics;
using Kavach.Keys.Audit;
using Kavach.Keys.Storage;

namespace Kavach.Storage.Tests;

/// <summary>Cached alias rows never outlive a change: the store's own writes at once, other writers' soon after.</summary>
public abstract partial class KeyStoreContractTests
{
    /// <summary>How long another process's committed change may stay unseen by this store (0: the next read sees it).</summary>
    protected abstract TimeSpan OtherWriterVisibility { get; }

    /// <summary>Returns once every change notice already sent for this database has reached <see cref="Store"/> (PostgreSQL).</summary>
    protected virtual Task DrainChangeNoticesAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_committed_change_is_seen_by_the_next_read_of_the_same_store()
    {
        var appId = NewAppId();
        var first = NewAlias(appId, "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(first);
        Assert.Equal([first], await Store.GetAliasesAsync(appId, "REF", Ct)); // now cached

        await using (var scope = await Store.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.SetExpiryAsync(first.Id, Utc(2025, 1, 2), Ct);
            await scope.CommitAsync(Ct);
        }

        Assert.Equal(Utc(2025, 1, 2), Assert.Single(await Store.GetAliasesAsync(appId, "REF", Ct)).ExpiresAt);
    }

    [Fact]
    public async Task A_rolled_back_scope_leaves_the_cached_rows_right()
    {
        var appId = NewAppId();
        var first = NewAlias(appId, "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(first);
        Assert.Single(await Store.GetAliasesAsync(appId, "REF", Ct));

        await using (var scope = await Store.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.InsertAliasAsync(NewAlias(appId, "REF", Utc(2025, 2, 1)), Ct);
        }

        Assert.Equal([first], await Store.GetAliasesAsync(appId, "REF", Ct));
    }

    [Fact]
    public async Task Another_stores_write_and_a_manual_update_are_seen_within_the_visibility_bound()
    {
        var appId = NewAppId();
        var first = NewAlias(appId, "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(first);
        Assert.Single(await Store.GetAliasesAsync(appId, "REF", Ct)); // cached here

        // Another process (a second store on the same database) adds a key...
        var other = await OpenStoreAsync();
        var second = NewAlias(appId, "REF", Utc(2025, 2, 1));
        await using (var scope = await other.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.InsertAliasAsync(second, Ct);
            await scope.CommitAsync(Ct);
        }

        Assert.Equal(2, (await ReadWithinVisibilityAsync(appId, aliases => aliases.Count == 2)).Count);

        // ...and an operator edits a row by hand.
        await QueryAsync($"UPDATE {Table("key_alias")} SET cert_thumbprint = @t WHERE id = @id", ("@t", "EDITED"), ("@id", second.Id));
        var edited = await ReadWithinVisibilityAsync(appId, aliases => aliases.Any(a => a.CertThumbprint == "EDITED"));
        Assert.Contains(edited, a => a.Id == second.Id && a.CertThumbprint == "EDITED");
    }

    [Fact]
    public async Task An_audit_commit_keeps_the_cached_key_rows()
    {
        // Under load the audit chain commits a batch every few ms; dropping the alias cache each time would send every
        // hot encrypt and sign back to the database (a round trip on PostgreSQL). This class's database has no other writer.
        var appId = NewAppId();
        await InsertCommittedAsync(NewAlias(appId, "REF", Utc(2025, 1, 1)));
        await DrainChangeNoticesAsync(); // the insert's own notice would otherwise drop the entry at any moment
        await Store.GetAliasesAsync(appId, "REF", Ct); // now cached
        var aliases = ((SqlKeyStore)Store).Aliases;
        Assert.NotNull(aliases.Find(appId, "REF"));

        // The version, not the entry: on a slow machine an entry may also age out (UnreportedMaxAge) meanwhile. A late
        // notice of the insert above can still move the version once (PostgreSQL delivers it when it will), so the
        // commit is tried up to three times; a commit that invalidated the cache would move it every time.
        var kept = 0;
        for (var attempt = 0; attempt < 3 && kept == 0; attempt++)
        {
            var stamp = aliases.Stamp();
            await using (var scope = await ((IAuditStore)Store).BeginAuditWriteAsync(Ct))
            {
                await scope.GetHeadAsync(Ct);
                await scope.CommitAsync(Ct);
            }

            kept += aliases.Stamp() == stamp ? 1 : 0;
        }

        Assert.Equal(1, kept);
    }

    [Fact]
    public async Task A_scope_declared_without_key_rows_refuses_to_write_them()
    {
        var appId = NewAppId();
        await using var scope = await ((SqlKeyStore)Store).BeginScopeAsync(appId, "REF", writesKeyRows: false, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.InsertAliasAsync(NewAlias(appId, "REF", Utc(2025, 1, 1)), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.SetExpiryAsync("any", Utc(2025, 1, 2), Ct));
    }

    // Polls until the store shows the change. The store's clock is moved through the visibility bound (a cache entry
    // may be served that long); past it, only delivery slack for a notification (PostgreSQL) is allowed in real time.
    private async Task<IReadOnlyList<KeyAlias>> ReadWithinVisibilityAsync(string appId, Func<IReadOnlyList<KeyAlias>, bool> changed)
    {
        var slack = TimeSpan.FromSeconds(5);
        var step = OtherWriterVisibility / 10;
        var advanced = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var aliases = await Store.GetAliasesAsync(appId, "REF", Ct);
            if (changed(aliases))
            {
                return aliases;
            }

            if (advanced < OtherWriterVisibility)
            {
                Time.Advance(step);
                advanced += step;
                continue;
            }

            Assert.True(clock.Elapsed < slack, $"the change was not seen within {OtherWriterVisibility} of store time and {slack} of delivery");
            await Task.Delay(20);
        }
    }
}
