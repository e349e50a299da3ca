using Kavach.Testing;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Kavach.Keys.Storage;
using Npgsql;

namespace Kavach.Storage.Tests.PostgreSql;

/// <summary>
/// The key store contract on PostgreSQL (a database of this class's own), plus what is PostgreSQL's own:
/// per-pair advisory locks, column types, authentication failures.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresKeyStoreTests(PostgresServer server) : KeyStoreContractTests
{
    private string connectionString = string.Empty;

    // LISTEN/NOTIFY: delivered as soon as the change commits.
    protected override TimeSpan OtherWriterVisibility => TimeSpan.Zero;

    protected override async Task<StoreOptions> CreateOptionsAsync()
    {
        connectionString = await server.DatabaseForAsync(nameof(PostgresKeyStoreTests));
        return new StoreOptions(StoreProvider.PostgreSql, connectionString);
    }

    protected override DbConnection CreateRawConnection() => new NpgsqlConnection(connectionString);

    protected override async Task DrainChangeNoticesAsync()
    {
        // A session receives notices in commit order: once a marker sent now has moved the cache's version, every
        // notice sent before it has been handled too.
        var aliases = ((SqlKeyStore)Store).Aliases;
        var before = aliases.Stamp();
        await QueryAsync("NOTIFY kavach_key_alias");
        var waited = Stopwatch.StartNew();
        while (aliases.Stamp() == before)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the marker notice was not delivered");
            await Task.Delay(10);
        }
    }

    protected override string Table(string name) => "keymgr." + name;

    protected override DateTime? RawTimestamp(object? value) =>
        value is DateTime instant ? DateTime.SpecifyKind(instant, DateTimeKind.Utc) : null;

    protected override (StoreOptions Options, string Secret) Unreachable()
    {
        // A port that was free a moment ago: the connection is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var secret = "pw-" + RandomHex(8);
        var unreachable = $"Host=127.0.0.1;Port={port};Database=nowhere;Username=nobody;Password={secret};Timeout=5";
        return (new StoreOptions(StoreProvider.PostgreSql, unreachable), secret);
    }

    protected override async Task<IReadOnlyCollection<string>> ReadTableNamesAsync() =>
        (await QueryAsync("SELECT table_name FROM information_schema.tables WHERE table_schema = 'keymgr'"))
            .Select(row => (string)row[0]!).ToList();

    protected override async Task<IReadOnlyCollection<string>> ReadConstraintNamesAsync() =>
        (await QueryAsync("SELECT constraint_name FROM information_schema.table_constraints WHERE constraint_schema = 'keymgr'"))
            .Select(row => (string)row[0]!).ToList();

    [Fact]
    public async Task A_wrong_password_gives_a_generic_unavailable_exception()
    {
        var secret = "wrong-" + RandomHex(8);
        var wrong = new NpgsqlConnectionStringBuilder(connectionString) { Password = secret }.ConnectionString;

        var exception = await Assert.ThrowsAsync<KeyStoreUnavailableException>(
            () => KeyStores.OpenAsync(new StoreOptions(StoreProvider.PostgreSql, wrong), Time, Ct).WaitAsync(Guard));

        Assert.DoesNotContain(secret, exception.Message, StringComparison.Ordinal);
        Assert.IsType<PostgresException>(exception.InnerException);
    }

    [Fact]
    public async Task Timestamps_are_timestamp_without_time_zone()
    {
        var types = await QueryAsync(
            """
            SELECT DISTINCT data_type FROM information_schema.columns
            WHERE table_schema = 'keymgr' AND (column_name LIKE '%dtimes' OR column_name LIKE '%dtime' OR column_name LIKE 'cert_not_%')
            """);

        Assert.Equal(["timestamp without time zone"], types.Select(row => (string)row[0]!));
    }

    [Fact]
    public async Task Different_pairs_hold_their_locks_at_the_same_time()
    {
        var appId = NewAppId();
        var replica = await OpenStoreAsync();

        await using var first = await Store.BeginWriteAsync(appId, "A", Ct);
        await using var second = await replica.BeginWriteAsync(appId, "B", Ct).WaitAsync(Guard);
        await using var master = await replica.BeginWriteAsync(appId, string.Empty, Ct).WaitAsync(Guard);

        await second.InsertAliasAsync(NewAlias(appId, "B", Utc(2025, 1, 1)), Ct);
        await second.CommitAsync(Ct);
        await first.CommitAsync(Ct);
    }

    [Fact]
    public async Task The_same_pair_waits_until_the_holder_ends()
    {
        var appId = NewAppId();
        var replica = await OpenStoreAsync();
        var first = await Store.BeginWriteAsync(appId, "REF", Ct);
        var alias = NewAlias(appId, "REF", Utc(2025, 1, 1));
        await first.InsertAliasAsync(alias, Ct);

        var waiting = replica.BeginWriteAsync(appId, "REF", Ct);
        await WaitUntilSomeoneWaitsForAnAdvisoryLockAsync();

        Assert.False(waiting.IsCompleted);
        await first.CommitAsync(Ct);
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(Guard);

        // The waiter's reads start after the holder's commit.
        Assert.Equal([alias], await second.GetAliasesAsync(Ct));
    }

    [Fact]
    public async Task The_same_pair_waits_until_the_holder_rolls_back()
    {
        var appId = NewAppId();
        var first = await Store.BeginWriteAsync(appId, "REF", Ct);

        var waiting = Store.BeginWriteAsync(appId, "REF", Ct);
        await WaitUntilSomeoneWaitsForAnAdvisoryLockAsync();

        Assert.False(waiting.IsCompleted);
        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(Guard);
        Assert.Empty(await second.GetAliasesAsync(Ct));
    }

    /// <summary>
    /// Waits for the server to show a session blocked on an advisory lock in this database: proof that the second
    /// BeginWriteAsync is really waiting on the lock, not merely not scheduled yet. Polls; the guard only catches hangs.
    /// </summary>
    private async Task WaitUntilSomeoneWaitsForAnAdvisoryLockAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var waiters = await QueryAsync(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()
                """);
            if (Convert.ToInt64(waiters[0][0], System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        Assert.Fail("The second BeginWriteAsync never waited for the advisory lock: the pair lock is not held.");
    }
}
