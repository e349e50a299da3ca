using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Sqlite;

/// <summary>
/// An SQLite file, the embedded default. WAL mode, foreign keys on, a 30 s busy timeout. Timestamps are fixed-width
/// UTC text (<see cref="UtcTimestamp.SqliteFormat"/>) so that text order is time order. The (appId, refId) write lock
/// is the database's single writer lock (<c>BEGIN IMMEDIATE</c>), so writers of different pairs also wait for each
/// other: fine for one embedded process.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private readonly string _connectionString;

    // In-process writers queue here asynchronously instead of each blocking a thread in SQLite's busy handler;
    // BEGIN IMMEDIATE is still what excludes writers in other processes. Never disposed: a SemaphoreSlim holds
    // nothing to release unless its wait handle is used, and a scope may still release it after the store is disposed.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _disposed;

    /// <param name="connectionString">Validated by <see cref="StoreOptions.Validate"/>; the file is not touched here.</param>
    public SqliteDialect(string connectionString) => _connectionString = SqliteConnections.Normalize(connectionString);

    public override string TablePrefix => string.Empty;

    /// <inheritdoc />
    public override string SystemName => "sqlite";

    public override string BinaryCollation => string.Empty;

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await SqliteConnections.OpenAsync(_connectionString, cancellationToken);

    // deferred: false is BEGIN IMMEDIATE: the writer lock is taken now, so a concurrent writer waits instead of failing later.
    public override ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override async Task<DbTransaction> BeginLockedWriteAsync(
        DbConnection connection, string appId, string refId, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            // BEGIN IMMEDIATE: the writer lock is taken now, not at the first write, so the reads inside the scope
            // already see the last committed writer's rows and no one can write after them.
            return ((SqliteConnection)connection).BeginTransaction(deferred: false);
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    public override void OnLockedWriteEnded() => _writeGate.Release();

    public override void AddTimestamp(DbCommand command, string name, DateTime? value) =>
        SqlKeyStore.AddParameter(command, name, value is { } instant ? UtcTimestamp.ToSqliteText(instant) : null);

    public override DateTime? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UtcTimestamp.FromSqliteText(reader.GetString(ordinal));

    public override Exception? Translate(DbException exception) => SqliteErrors.Translate(exception);

    /// <summary>Creates the file (0600) if needed and applies pending migrations.</summary>
    public override async Task MigrateAsync(Func<DateTime> now, CancellationToken cancellationToken)
    {
        SqliteConnections.EnsureFile(_connectionString);
        await SqliteMigrator.ApplyAsync(this, _connectionString, now, cancellationToken);
    }

    public override ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Closes the idle pooled connections, so the file (and its -wal/-shm) can be moved or deleted.
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }

        return ValueTask.CompletedTask;
    }
}
