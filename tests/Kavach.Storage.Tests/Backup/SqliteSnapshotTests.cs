using Kavach.Storage.Backup;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Tests.Backup;

/// <summary>SQLite snapshots through the online backup API: consistent while a writer keeps committing; restored only where no database is.</summary>
public sealed class SqliteSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new("kavach-sqlite-snapshot");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_snapshot_taken_while_a_writer_commits_holds_whole_transactions_only()
    {
        var source = Options(_dir.File("live.db"));
        await using (var setup = Open(_dir.File("live.db")))
        {
            await ExecuteAsync(setup, "PRAGMA journal_mode=WAL; CREATE TABLE pairs (n INTEGER NOT NULL)");
        }

        using var stop = new CancellationTokenSource();
        var committed = 0;
        var writer = Task.Run(async () =>
        {
            await using var connection = Open(_dir.File("live.db"));
            while (!stop.IsCancellationRequested)
            {
                // Two rows per transaction: a snapshot that cut one in half would hold an odd count.
                await using var transaction = await connection.BeginTransactionAsync();
                await ExecuteAsync(connection, "INSERT INTO pairs VALUES (1); INSERT INTO pairs VALUES (2)", (SqliteTransaction)transaction);
                await transaction.CommitAsync();
                Interlocked.Increment(ref committed);
            }
        });
        while (Volatile.Read(ref committed) < 50)
        {
            await Task.Yield();
        }

        var snapshot = _dir.File("snapshot.db");
        await DatabaseSnapshots.CreateAsync(source, snapshot, CancellationToken.None);
        await stop.CancelAsync();
        await writer;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(snapshot));
        Assert.False(File.Exists(snapshot + "-wal"));
        Assert.StartsWith("SQLite integrity_check ok", await DatabaseSnapshots.CheckAsync(StoreProvider.Sqlite, snapshot, CancellationToken.None), StringComparison.Ordinal);
        await using var copy = Open(snapshot);
        await using var count = copy.CreateCommand();
        count.CommandText = "SELECT count(*) FROM pairs";
        var rows = (long)(await count.ExecuteScalarAsync())!;
        Assert.True(rows >= 100, $"{rows} rows");
        Assert.Equal(0, rows % 2);
    }

    [Fact]
    public async Task A_missing_database_is_not_created_by_a_snapshot()
    {
        var missing = _dir.File("missing.db");
        var refused = await Assert.ThrowsAsync<DatabaseSnapshotException>(() => DatabaseSnapshots.CreateAsync(Options(missing), _dir.File("s.db"), CancellationToken.None));
        Assert.Contains("no SQLite database", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(_dir.File("s.db")));
    }

    [Fact]
    public async Task A_snapshot_of_a_store_restores_into_a_store_that_opens_and_never_over_an_existing_database()
    {
        var live = Options(_dir.File("store.db"));
        await using (var store = await KeyStores.OpenAsync(live, TimeProvider.System, CancellationToken.None))
        {
            Assert.NotEmpty(await store.GetPoliciesAsync(CancellationToken.None));
        }

        var snapshot = _dir.File("store-snapshot.db");
        await DatabaseSnapshots.CreateAsync(live, snapshot, CancellationToken.None);

        var existing = await Assert.ThrowsAsync<DatabaseSnapshotException>(() => DatabaseSnapshots.RestoreAsync(live, snapshot, CancellationToken.None));
        Assert.Contains("already exists", existing.Message, StringComparison.Ordinal);

        var target = Options(_dir.File("restored.db"));
        await DatabaseSnapshots.RequireEmptyTargetAsync(target, CancellationToken.None);
        await DatabaseSnapshots.RestoreAsync(target, snapshot, CancellationToken.None);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_dir.File("restored.db")));
        await using (var restored = await KeyStores.OpenAsync(target, TimeProvider.System, CancellationToken.None))
        {
            Assert.NotEmpty(await restored.GetPoliciesAsync(CancellationToken.None));
        }

        await Assert.ThrowsAsync<DatabaseSnapshotException>(() => DatabaseSnapshots.RequireEmptyTargetAsync(target, CancellationToken.None));
    }

    [Fact]
    public async Task A_damaged_snapshot_fails_its_check()
    {
        var damaged = _dir.File("damaged.db");
        await File.WriteAllBytesAsync(damaged, [.. "SQLite format 3\0"u8, .. new byte[4000]]);
        await Assert.ThrowsAsync<DatabaseSnapshotException>(() => DatabaseSnapshots.CheckAsync(StoreProvider.Sqlite, damaged, CancellationToken.None));
    }

    private static StoreOptions Options(string file) =>
        new(StoreProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = file }.ToString());

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // fixed test SQL
        command.CommandText = sql;
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync();
    }
}
