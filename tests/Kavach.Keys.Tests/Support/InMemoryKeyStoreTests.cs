using Kavach.Keys.Storage;
using Kavach.Testing.Keys;

namespace Kavach.Keys.Tests.Support;

/// <summary>The in-memory store keeps the write-scope contract the SQL stores keep, which the key-service tests rely on.</summary>
public sealed class InMemoryKeyStoreTests
{
    private static readonly DateTime Generated = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly InMemoryKeyStore _store = new();

    [Fact]
    public async Task Uncommitted_writes_are_seen_only_by_their_scope_and_dropped_on_dispose()
    {
        var alias = Alias("A", "R");

        await using (var scope = await _store.BeginWriteAsync("A", "R", CancellationToken.None))
        {
            await scope.InsertAliasAsync(alias, CancellationToken.None);
            await scope.InsertStoredKeyAsync(new StoredKey(alias.Id, "m", "k", "c"), CancellationToken.None);

            Assert.Equal([alias], await scope.GetAliasesAsync(CancellationToken.None));
            Assert.Empty(await _store.GetAliasesAsync("A", "R", CancellationToken.None));
            Assert.Null(await _store.GetStoredKeyAsync(alias.Id, CancellationToken.None));
        }

        Assert.Empty(await _store.GetAliasesAsync("A", "R", CancellationToken.None));
        Assert.Null(await _store.GetStoredKeyAsync(alias.Id, CancellationToken.None));
        Assert.Equal(0, _store.Commits);
    }

    [Fact]
    public async Task A_commit_publishes_the_writes_and_expiry_changes()
    {
        var alias = Alias("A", "R");
        await using (var scope = await _store.BeginWriteAsync("A", "R", CancellationToken.None))
        {
            await scope.InsertAliasAsync(alias, CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.GetAliasesAsync(CancellationToken.None));
        }

        await using (var scope = await _store.BeginWriteAsync("A", "R", CancellationToken.None))
        {
            await scope.SetExpiryAsync(alias.Id, Generated.AddDays(1), CancellationToken.None);
            Assert.Equal(alias.ExpiresAt, (await _store.GetAliasAsync(alias.Id, CancellationToken.None))!.ExpiresAt);
            await scope.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(Generated.AddDays(1), (await _store.GetAliasAsync(alias.Id, CancellationToken.None))!.ExpiresAt);
    }

    [Fact]
    public async Task A_pair_has_one_writer_at_a_time_and_other_pairs_are_not_blocked()
    {
        var first = await _store.BeginWriteAsync("A", "R", CancellationToken.None);
        var second = _store.BeginWriteAsync("A", "R", CancellationToken.None);
        await using (var other = await _store.BeginWriteAsync("A", "OTHER", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)))
        {
            Assert.False(second.IsCompleted);
        }

        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Thirty_concurrent_get_or_create_calls_create_exactly_one_alias()
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            await go.Task;
            await using var scope = await _store.BeginWriteAsync("A", "R", CancellationToken.None);
            if ((await scope.GetAliasesAsync(CancellationToken.None)).Count > 0)
            {
                return false;
            }

            await scope.InsertAliasAsync(Alias("A", "R"), CancellationToken.None);
            await scope.CommitAsync(CancellationToken.None);
            return true;
        })).ToArray();

        go.SetResult();
        var created = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, created.Count(c => c));
        Assert.Single(await _store.GetAliasesAsync("A", "R", CancellationToken.None));
    }

    [Fact]
    public async Task Duplicate_ids_and_unique_identifiers_are_refused_and_creators_are_counted()
    {
        var alias = Alias("A", "R");
        using (KeyCreator.Enter("resident"))
        {
            await using var scope = await _store.BeginWriteAsync("A", "R", CancellationToken.None);
            await scope.InsertAliasAsync(alias, CancellationToken.None);
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.InsertAliasAsync(alias with { UniqueIdentifier = "OTHER" }, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.InsertAliasAsync(Alias("B", "R") with { UniqueIdentifier = alias.UniqueIdentifier }, CancellationToken.None));
            await scope.CommitAsync(CancellationToken.None);
        }

        Assert.Equal(1, await _store.CountBaseKeysCreatedByAsync("A", "resident", CancellationToken.None));
        Assert.Equal(0, await _store.CountBaseKeysCreatedByAsync("A", "SYSTEM", CancellationToken.None));
    }

    private static KeyAlias Alias(string appId, string refId)
    {
        var id = Guid.NewGuid().ToString();
        return new KeyAlias(id, appId, refId, Generated, Generated.AddDays(365), id.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant(), "U" + id);
    }
}
