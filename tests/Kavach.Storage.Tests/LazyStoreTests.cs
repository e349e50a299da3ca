using System.Net;
using System.Net.Sockets;
using Kavach.Keys.Storage;
using Kavach.Storage.Migrations;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Tests;

/// <summary><see cref="KeyStores.Create"/> touches nothing; the first operation opens the database, once.</summary>
public sealed class LazyStoreTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_store_on_an_unreachable_PostgreSQL_is_created_and_every_operation_says_unavailable()
    {
        var secret = "pw-" + Guid.NewGuid().ToString("N")[..8];
        var options = new StoreOptions(
            StoreProvider.PostgreSql, $"Host=127.0.0.1;Port={FreePort()};Database=nowhere;Username=nobody;Password={secret};Timeout=5");

        await using var store = KeyStores.Create(options, TimeProvider.System);

        Assert.False(await store.IsReachableAsync(Ct).WaitAsync(Guard));
        var keys = await Assert.ThrowsAsync<KeyStoreUnavailableException>(() => store.GetPoliciesAsync(Ct).WaitAsync(Guard));
        var audit = await Assert.ThrowsAsync<KeyStoreUnavailableException>(() => store.GetAuditHeadAsync(Ct).WaitAsync(Guard));
        var zk = await Assert.ThrowsAsync<KeyStoreUnavailableException>(() => store.GetActiveKeyIdsAsync(Ct).WaitAsync(Guard));
        var trust = await Assert.ThrowsAsync<KeyStoreUnavailableException>(() => store.GetCrlsAsync(Ct).WaitAsync(Guard));
        foreach (var exception in new[] { keys, audit, zk, trust })
        {
            Assert.Equal(new KeyStoreUnavailableException().Message, exception.Message);
            Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        }

        // Each failed attempt is dropped: every call above tried again.
        Assert.True(((SqlKeyStore)store).Opening.Attempts >= 5);
    }

    [Fact]
    public async Task Concurrent_first_calls_share_one_migration_attempt()
    {
        using var folder = new TempDirectory("kavach-lazy-store");
        var path = folder.File("kavach.db");
        await using var store = KeyStores.Create(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), TimeProvider.System);
        Assert.False(File.Exists(path));

        using var start = new ManualResetEventSlim();
        var calls = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return i % 2 == 0
                ? (await store.GetPoliciesAsync(Ct)).Count
                : (await store.GetAliasesAsync("APP" + i, "REF", Ct)).Count;
        })).ToList();
        start.Set();
        await Task.WhenAll(calls).WaitAsync(Guard);

        Assert.Equal(1, ((SqlKeyStore)store).Opening.Attempts);
        var versions = await ReadMigrationVersionsAsync(path);
        Assert.Equal(MigrationCatalog.Load(StoreProvider.Sqlite).Select(m => m.Version), versions);
    }

    [Fact]
    public async Task OpenAsync_opens_at_once_and_later_operations_do_not_open_again()
    {
        using var folder = new TempDirectory("kavach-lazy-store");
        var path = folder.File("kavach.db");

        await using var store = await KeyStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), TimeProvider.System, Ct);
        Assert.True(File.Exists(path));
        Assert.True(await store.IsReachableAsync(Ct));
        Assert.NotEmpty(await store.GetPoliciesAsync(Ct));

        Assert.Equal(1, ((SqlKeyStore)store).Opening.Attempts);
    }

    [Fact]
    public async Task A_disposed_store_refuses_operations()
    {
        using var folder = new TempDirectory("kavach-lazy-store");
        var store = KeyStores.Create(new StoreOptions(StoreProvider.Sqlite, $"Data Source={folder.File("kavach.db")}"), TimeProvider.System);
        await store.DisposeAsync();
        await store.DisposeAsync(); // a container may dispose it once per registration

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetPoliciesAsync(Ct));
        Assert.False(File.Exists(folder.File("kavach.db")));
    }

    private static async Task<List<int>> ReadMigrationVersionsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations ORDER BY version";
        var versions = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
