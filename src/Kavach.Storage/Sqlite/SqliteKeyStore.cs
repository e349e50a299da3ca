using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Sqlite;

/// <summary>
/// The key store on an SQLite file, the embedded default. WAL mode, foreign keys on, a 30 s busy timeout.
/// Timestamps are fixed-width UTC text (<see cref="UtcTimestamp.SqliteFormat"/>) so that text order is time order.
/// The write lock is the database's single writer lock (<c>BEGIN IMMEDIATE</c>), so writers of different
/// (appId, refId) pairs also wait for each other: fine for one embedded process.
/// </summary>
internal sealed class SqliteKeyStore : SqlKeyStore
{
    private readonly string connectionString;

    // In-process writers queue here asynchronously instead of each blocking a thread in SQLite's busy handler;
    // BEGIN IMMEDIATE is still what excludes writers in other processes. Never disposed: a SemaphoreSlim holds
    // nothing to release unless its wait handle is used, and a scope may still release it after the store is disposed.
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private bool disposed;

    private SqliteKeyStore(string connectionString, TimeProvider time)
        : base(time, new KeyStoreSql(tablePrefix: string.Empty, binaryCollation: string.Empty))
    {
        this.connectionString = connectionString;
    }

    /// <summary>Opens the file (creating it and its folder if needed) and applies pending migrations.</summary>
    internal static async Task<SqliteKeyStore> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken)
    {
        var normalized = SqliteConnections.Normalize(connectionString);
        SqliteConnections.EnsureDirectory(normalized);
        var store = new SqliteKeyStore(normalized, time);
        try
        {
            await store.GuardAsync(() => SqliteMigrator.ApplyAsync(store, normalized, cancellationToken));
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        if (!disposed)
        {
            disposed = true;

            // Closes the idle pooled connections, so the file (and its -wal/-shm) can be moved or deleted.
            using var connection = new SqliteConnection(connectionString);
            SqliteConnection.ClearPool(connection);
        }

        return ValueTask.CompletedTask;
    }

    internal override void AddTimestamp(DbCommand command, string name, DateTime? value) =>
        AddParameter(command, name, value is { } instant ? UtcTimestamp.ToSqliteText(instant) : null);

    internal override DateTime? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UtcTimestamp.FromSqliteText(reader.GetString(ordinal));

    internal override Exception? Translate(DbException exception) => SqliteErrors.Translate(exception);

    internal override void OnWriteScopeClosed() => writeGate.Release();

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await SqliteConnections.OpenAsync(connectionString, cancellationToken);

    protected override async Task<DbTransaction> BeginLockedTransactionAsync(
        DbConnection connection, string appId, string refId, CancellationToken cancellationToken)
    {
        await writeGate.WaitAsync(cancellationToken);
        try
        {
            // deferred: false issues BEGIN IMMEDIATE: the writer lock is taken now, not at the first write, so the
            // reads inside the scope already see the last committed writer's rows and no one can write after them.
            return ((SqliteConnection)connection).BeginTransaction(deferred: false);
        }
        catch
        {
            writeGate.Release();
            throw;
        }
    }
}
