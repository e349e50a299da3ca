using System.Data;
using System.Data.Common;
using Kavach.Storage.Caching;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Kavach.Storage.PostgreSql;

/// <summary>
/// PostgreSQL, tables in schema <c>keymgr</c> as in MOSIP, every connection from one pooled
/// <see cref="NpgsqlDataSource"/> (built here, which opens nothing). The (appId, refId) write lock is a
/// transaction-scoped advisory lock keyed by <see cref="PairLockKey"/>, so replicas serialise per pair and different
/// pairs never wait for each other. Once the database is reached, <see cref="PostgresKeyAliasListener"/> keeps the
/// alias cache in step with the other replicas.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly Lock _gate = new();
    private PostgresKeyAliasListener? _listener;
    private bool _disposed;

    /// <param name="connectionString">Validated by <see cref="StoreOptions.Validate"/>.</param>
    public PostgresDialect(string connectionString, TimeProvider time, ILoggerFactory loggers)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _time = time;
        _loggers = loggers;
    }

    public override string TablePrefix => "keymgr.";

    /// <inheritdoc />
    public override string SystemName => "postgresql";

    public override string BinaryCollation => "COLLATE \"C\"";

    /// <summary>The listener, once the database has been reached (tests watch it reconnect).</summary>
    internal PostgresKeyAliasListener? Listener => Volatile.Read(ref _listener);

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public override async Task<DbTransaction> BeginLockedWriteAsync(
        DbConnection connection, string appId, string refId, CancellationToken cancellationToken)
    {
        // READ COMMITTED on purpose: every statement after the lock takes a fresh snapshot and so sees what the
        // previous holder committed. REPEATABLE READ would freeze the snapshot at the lock statement, before it.
        var transaction = await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", (NpgsqlConnection)connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<long>("key", NpgsqlDbType.Bigint) { TypedValue = PairLockKey.For(appId, refId) });
            await command.ExecuteNonQueryAsync(cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// One round trip for all the items: a batch of the same statement, each with its own parameters, prepared. Npgsql
    /// keeps a prepared statement on its physical connection, so the database parses and plans it once per connection
    /// instead of once per batch (that was a third of its CPU for a decrypt's audit record).
    /// </summary>
    public override async Task ExecuteEachAsync<T>(
        DbConnection connection, DbTransaction transaction, string sql, IEnumerable<T> items, Action<DbCommand, T> bind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(bind);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        await using var binder = new NpgsqlCommand();
        foreach (var item in items)
        {
            // The statements' binders write to a command; its parameters then move to the batch's entry.
            binder.Parameters.Clear();
            bind(binder, item);
            var entry = new NpgsqlBatchCommand(sql);
            foreach (var parameter in binder.Parameters.ToList())
            {
                binder.Parameters.Remove(parameter);
                entry.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(entry);
        }

        if (batch.BatchCommands.Count > 0)
        {
            await batch.PrepareAsync(cancellationToken);
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <remarks>
    /// Typed as <c>timestamp without time zone</c> explicitly: Npgsql maps a UTC <see cref="DateTime"/> to
    /// <c>timestamptz</c> and refuses it for a <c>timestamp</c> column, and MOSIP's columns are <c>timestamp</c>.
    /// </remarks>
    public override void AddTimestamp(DbCommand command, string name, DateTime? value) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Timestamp)
        {
            Value = value is { } instant ? DateTime.SpecifyKind(UtcTimestamp.Normalize(instant), DateTimeKind.Unspecified) : DBNull.Value,
        });

    public override DateTime? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    public override Exception? Translate(DbException exception) => PostgresErrors.Translate(exception);

    public override Task MigrateAsync(Func<DateTime> now, CancellationToken cancellationToken) =>
        PostgresMigrator.ApplyAsync(this, _dataSource, now, cancellationToken);

    /// <summary>Starts the change listener and waits for its first <c>LISTEN</c> (which may fail: it keeps retrying).</summary>
    public override async Task OnReachedAsync(AliasCache aliases, CancellationToken cancellationToken)
    {
        PostgresKeyAliasListener listener;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
            {
                return;
            }

            listener = new PostgresKeyAliasListener(_dataSource, aliases, _time, _loggers.CreateLogger<PostgresKeyAliasListener>());
            Volatile.Write(ref _listener, listener);
        }

        await listener.FirstListen.WaitAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        PostgresKeyAliasListener? listener;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            listener = _listener;
        }

        if (listener is not null)
        {
            await listener.DisposeAsync();
        }

        await _dataSource.DisposeAsync();
    }
}
