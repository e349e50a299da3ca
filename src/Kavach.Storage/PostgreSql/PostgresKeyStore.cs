using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Kavach.Storage.PostgreSql;

/// <summary>
/// The key store on PostgreSQL, tables in schema <c>keymgr</c> as in MOSIP, connections from a pooled
/// <see cref="NpgsqlDataSource"/>. The (appId, refId) write lock is a transaction-scoped advisory lock keyed by
/// <see cref="PairLockKey"/>, so replicas serialise per pair and different pairs never wait for each other.
/// </summary>
internal sealed class PostgresKeyStore : SqlKeyStore
{
    private readonly NpgsqlDataSource dataSource;
    private PostgresKeyAliasListener? aliasListener;

    private PostgresKeyStore(NpgsqlDataSource dataSource, TimeProvider time)
        : base(time, new KeyStoreSql(tablePrefix: "keymgr.", binaryCollation: "COLLATE \"C\""))
    {
        this.dataSource = dataSource;
    }

    /// <summary>Builds the pooled data source and applies pending migrations.</summary>
    internal static async Task<PostgresKeyStore> OpenAsync(string connectionString, TimeProvider time, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new PostgresKeyStore(dataSource, time);
        try
        {
            await store.GuardAsync(() => PostgresMigrator.ApplyAsync(store, dataSource, cancellationToken));
            store.aliasListener = await PostgresKeyAliasListener.StartAsync(dataSource, store.Aliases, time, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        if (aliasListener is not null)
        {
            await aliasListener.DisposeAsync();
        }

        await dataSource.DisposeAsync();
    }

    /// <remarks>
    /// Typed as <c>timestamp without time zone</c> explicitly: Npgsql maps a UTC <see cref="DateTime"/> to
    /// <c>timestamptz</c> and refuses it for a <c>timestamp</c> column, and MOSIP's columns are <c>timestamp</c>.
    /// </remarks>
    internal override void AddTimestamp(DbCommand command, string name, DateTime? value)
    {
        var parameter = new NpgsqlParameter(name, NpgsqlDbType.Timestamp)
        {
            Value = value is { } instant
                ? DateTime.SpecifyKind(UtcTimestamp.Normalize(instant), DateTimeKind.Unspecified)
                : DBNull.Value,
        };
        command.Parameters.Add(parameter);
    }

    internal override DateTime? ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    internal override Exception? Translate(DbException exception) => PostgresErrors.Translate(exception);

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginLockedTransactionAsync(
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
}
