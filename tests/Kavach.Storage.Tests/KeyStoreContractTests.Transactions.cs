using Kavach.Testing;
using Kavach.Keys.Storage;

namespace Kavach.Storage.Tests;

/// <summary>Write scopes: commit, rollback, the database's uniqueness rules and the per-pair lock.</summary>
public abstract partial class KeyStoreContractTests
{
    [Fact]
    public async Task Disposing_a_scope_without_commit_rolls_back()
    {
        var appId = NewAppId();
        var alias = NewAlias(appId, "REF", Utc(2025, 1, 1));

        await using (var scope = await Store.BeginWriteAsync(appId, "REF", Ct))
        {
            await scope.InsertAliasAsync(alias, Ct);
            await scope.InsertStoredKeyAsync(new StoredKey(alias.Id, "m", "k", "c"), Ct);
        }

        Assert.Empty(await Store.GetAliasesAsync(appId, "REF", Ct));
        Assert.Null(await Store.GetAliasAsync(alias.Id, Ct));
        Assert.Null(await Store.GetStoredKeyAsync(alias.Id, Ct));

        // The lock went with the transaction: the pair can be written again at once.
        await using var again = await Store.BeginWriteAsync(appId, "REF", Ct).WaitAsync(Guard);
        await again.InsertAliasAsync(alias, Ct);
        await again.CommitAsync(Ct);
        Assert.Equal([alias], await Store.GetAliasesAsync(appId, "REF", Ct));
    }

    [Fact]
    public async Task A_committed_scope_refuses_further_use()
    {
        var appId = NewAppId();
        var scope = await Store.BeginWriteAsync(appId, "REF", Ct);
        await scope.CommitAsync(Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.GetAliasesAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.CommitAsync(Ct));
        await scope.DisposeAsync();
        await scope.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => scope.GetAliasesAsync(Ct));
    }

    [Fact]
    public async Task The_database_rejects_a_duplicate_unique_identifier()
    {
        var first = NewAlias(NewAppId(), "REF", Utc(2025, 1, 1));
        var duplicate = NewAlias(NewAppId(), "OTHER", Utc(2025, 1, 1)) with { UniqueIdentifier = first.UniqueIdentifier };
        await InsertCommittedAsync(first);

        await using (var scope = await Store.BeginWriteAsync(duplicate.AppId, duplicate.RefId, Ct))
        {
            var exception = await Assert.ThrowsAsync<KeyStoreConflictException>(() => scope.InsertAliasAsync(duplicate, Ct));
            Assert.NotNull(exception.InnerException);
            Assert.DoesNotContain("INSERT", exception.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Null(await Store.GetAliasAsync(duplicate.Id, Ct));
    }

    [Fact]
    public async Task The_database_rejects_a_duplicate_alias_id()
    {
        var first = NewAlias(NewAppId(), "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(first);

        await using var scope = await Store.BeginWriteAsync(first.AppId, first.RefId, Ct);
        await Assert.ThrowsAsync<KeyStoreConflictException>(
            () => scope.InsertAliasAsync(first with { UniqueIdentifier = RandomHex(20) }, Ct));
    }

    [Fact]
    public async Task Unique_identifier_lookup_sees_every_application_and_the_scopes_own_writes()
    {
        var elsewhere = NewAlias(NewAppId(), "REF", Utc(2025, 1, 1));
        await InsertCommittedAsync(elsewhere);
        var appId = NewAppId();
        var mine = NewAlias(appId, "REF", Utc(2025, 1, 1));

        await using var scope = await Store.BeginWriteAsync(appId, "REF", Ct);

        Assert.True(await scope.UniqueIdentifierExistsAsync(elsewhere.UniqueIdentifier!, Ct));
        Assert.False(await scope.UniqueIdentifierExistsAsync(mine.UniqueIdentifier!, Ct));
        await scope.InsertAliasAsync(mine, Ct);
        Assert.True(await scope.UniqueIdentifierExistsAsync(mine.UniqueIdentifier!, Ct));
    }

    [Fact]
    public async Task Thirty_concurrent_get_or_create_calls_create_exactly_one_alias()
    {
        var appId = NewAppId();
        const string RefId = "CONCURRENT";

        // Several store instances, as several replicas or processes would have; the lock must hold across them.
        var stores = new[] { Store, await OpenStoreAsync(), await OpenStoreAsync() };
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            await go.Task;
            await using var scope = await stores[i % stores.Length].BeginWriteAsync(appId, RefId, Ct);
            if ((await scope.GetAliasesAsync(Ct)).Count > 0)
            {
                return false;
            }

            // A unique identifier of its own: only the lock, not the uni_ident constraint, can stop a second insert.
            await scope.InsertAliasAsync(NewAlias(appId, RefId, Utc(2025, 1, 1).AddSeconds(i)), Ct);
            await scope.CommitAsync(Ct);
            return true;
        })).ToArray();

        go.SetResult();
        var created = await Task.WhenAll(workers).WaitAsync(Guard);

        Assert.Equal(1, created.Count(c => c));
        Assert.Single(await Store.GetAliasesAsync(appId, RefId, Ct));
    }
}
