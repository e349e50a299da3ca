using System.Data.Common;
using Kavach.Storage.Caching;

namespace Kavach.Storage;

/// <summary>
/// What differs between the databases, for every table family on them (keys, audit, ZK key pool, trust store): the
/// connections (one pool per database), write transactions and locks, timestamp encoding, error translation, the
/// table prefix, and what happens when the database is first reached (migrations, change listener).
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary><c>keymgr.</c> for PostgreSQL, empty for SQLite.</summary>
    public abstract string TablePrefix { get; }

    /// <summary>The database's name in traces (OpenTelemetry's <c>db.system</c>): <c>sqlite</c> or <c>postgresql</c>.</summary>
    public abstract string SystemName { get; }

    /// <summary>
    /// A COLLATE clause giving byte order for text sorting (PostgreSQL's database collation may ignore dashes or case),
    /// or empty where that already is the default (SQLite), so both databases order ties the same way.
    /// </summary>
    public abstract string BinaryCollation { get; }

    /// <summary>Opens a pooled connection ready for use (per-connection settings applied); provider errors untranslated.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Begins a write transaction (SQLite takes the writer lock at once, so reads inside it are current).</summary>
    public abstract ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Begins a transaction on <paramref name="connection"/> that holds the exclusive (appId, refId) write lock until
    /// it ends. On failure the implementation releases whatever it took; the caller closes the connection. Every
    /// successful call is paired with one <see cref="OnLockedWriteEnded"/>.
    /// </summary>
    public abstract Task<DbTransaction> BeginLockedWriteAsync(
        DbConnection connection, string appId, string refId, CancellationToken cancellationToken);

    /// <summary>Called once a locked write has ended (committed or rolled back) and closed its connection.</summary>
    public virtual void OnLockedWriteEnded()
    {
    }

    /// <summary>
    /// Runs one statement once per item in <paramref name="transaction"/>. Here: on one command, re-executed, so an
    /// in-process database compiles it once and each item's parameters replace the previous item's. A server database
    /// sends them all in one round trip instead.
    /// </summary>
    public virtual async Task ExecuteEachAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> items, Action<DbCommand, T> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(bind);
        await using var command = SqlKeyStore.CreateCommand(connection, transaction, sql);
        foreach (var item in items)
        {
            command.Parameters.Clear();
            bind(command, item);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Binds a UTC timestamp (or null) the way this database stores it.</summary>
    public abstract void AddTimestamp(DbCommand command, string name, DateTime? value);

    /// <summary>Reads a timestamp column as UTC, or null.</summary>
    public abstract DateTime? ReadTimestamp(DbDataReader reader, int ordinal);

    /// <summary>
    /// The exception to throw instead of <paramref name="exception"/>: <see cref="KeyStoreUnavailableException"/>
    /// for connection-level failures, <see cref="KeyStoreConflictException"/> for unique violations,
    /// <see cref="KeyStoreInvalidValueException"/> for values the database refuses; null to let the provider exception
    /// through (a bug, not an expected failure).
    /// </summary>
    public abstract Exception? Translate(DbException exception);

    /// <summary>
    /// Makes the database ready on first use: creates what the provider does not (SQLite's file) and applies pending
    /// migrations (safe when several processes start at once). <paramref name="now"/> stamps the rows it writes.
    /// </summary>
    public abstract Task MigrateAsync(Func<DateTime> now, CancellationToken cancellationToken);

    /// <summary>Starts what needs a reachable, migrated database (PostgreSQL's change listener). Called once.</summary>
    public virtual Task OnReachedAsync(AliasCache aliases, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Closes the pool (and anything <see cref="OnReachedAsync"/> started).</summary>
    public abstract ValueTask DisposeAsync();
}
