using System.Data.Common;
using Kavach.Keys.Storage;
using Kavach.Storage.Caching;
using Kavach.Storage.Trust;
using Microsoft.Extensions.Logging;

namespace Kavach.Storage;

/// <summary>
/// The database object: the key store, the audit trail's tables, the ZK key pool and the trust repository on one
/// <see cref="SqlDialect"/> (one connection pool), written once for both databases: the statements
/// (<see cref="KeyStoreSql"/>), the row mapping and the error translation plumbing. The dialect supplies connections,
/// the write lock, timestamp encoding and which provider errors mean "unavailable" or "conflict".
/// </summary>
/// <remarks>
/// Instants go in and come out as UTC truncated to whole microseconds (see <see cref="UtcTimestamp.Normalize"/>).
/// A missing <c>key_gen_dtimes</c>/<c>key_expire_dtimes</c> (only in rows written by other tools) reads as
/// <see cref="DateTime.MinValue"/>, so such a key is never taken as current; a missing <c>ref_id</c> reads as "".
/// <para>
/// Nothing touches the database until the first operation, which applies the migrations (<see cref="StoreOpening"/>);
/// until that succeeds every operation throws <see cref="KeyStoreUnavailableException"/> and tries again.
/// </para>
/// </remarks>
internal sealed partial class SqlKeyStore : IKavachStore
{
    private static readonly DateTime MissingInstant = new(0, DateTimeKind.Utc);

    private readonly TimeProvider time;
    private readonly StoreOpening opening;
    private int disposed;

    internal SqlKeyStore(SqlDialect dialect, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        Dialect = dialect;
        this.time = time;
        Sql = new KeyStoreSql(dialect.TablePrefix, dialect.BinaryCollation);
        Aliases = new AliasCache(time);
        opening = new StoreOpening(OpenDatabaseAsync, loggers.CreateLogger<SqlKeyStore>());
        trust = new SqlTrustRepository(this);
    }

    /// <summary>The first-use opening of the database.</summary>
    internal StoreOpening Opening => opening;

    /// <summary>The database this store runs on.</summary>
    internal SqlDialect Dialect { get; }

    internal KeyStoreSql Sql { get; }

    /// <summary>The cached rows of hot (appId, refId) pairs; write scopes and change listeners invalidate it.</summary>
    internal AliasCache Aliases { get; }

    /// <inheritdoc />
    public async Task<bool> IsReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunStatementAsync(
                Sql.Ping,
                static _ => { },
                static async (command, ct) => await command.ExecuteScalarAsync(ct),
                cancellationToken);
            return true;
        }
        catch (KeyStoreUnavailableException)
        {
            return false;
        }
        catch (DbException)
        {
            // A health probe answers "no" rather than failing: any provider error means the database does not serve us.
            return false;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyPolicy>> GetPoliciesAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(
            Sql.SelectPolicies,
            static _ => { },
            static async (command, ct) =>
            {
                var policies = new List<KeyPolicy>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    policies.Add(new KeyPolicy(
                        reader.GetString(0),
                        ReadInt(reader, 1),
                        ReadInt(reader, 2),
                        reader.GetBoolean(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4)));
                }

                return (IReadOnlyList<KeyPolicy>)policies;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task UpsertPolicyAsync(KeyPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentException.ThrowIfNullOrEmpty(policy.AppId);

        // The columns are smallint (MOSIP); refuse here rather than let the database truncate or fail obscurely.
        ArgumentOutOfRangeException.ThrowIfNegative(policy.ValidityDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(policy.ValidityDays, short.MaxValue);
        ArgumentOutOfRangeException.ThrowIfNegative(policy.PreExpireDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(policy.PreExpireDays, short.MaxValue);

        var now = Now();
        await RunStatementAsync(
            Sql.UpsertPolicy,
            command =>
            {
                AddParameter(command, "@app_id", policy.AppId);
                AddParameter(command, "@validity", policy.ValidityDays);
                AddParameter(command, "@pre_expire", policy.PreExpireDays);
                AddParameter(command, "@is_active", policy.IsActive);
                AddParameter(command, "@access", policy.AccessAllowed);
                AddParameter(command, "@by", AuditColumns.SystemUser);
                AddTimestamp(command, "@now", now);
            },
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(refId);
        if (Aliases.Find(appId, refId) is { } cached)
        {
            return cached;
        }

        var stamp = Aliases.Stamp();
        var aliases = await RunStatementAsync(
            Sql.SelectAliasesOfPair,
            command =>
            {
                AddParameter(command, "@app_id", appId);
                AddParameter(command, "@ref_id", refId);
            },
            ReadAliasesAsync,
            cancellationToken);
        Aliases.Store(appId, refId, aliases, stamp);
        return aliases;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> GetMasterAliasesAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(Sql.SelectMasterAliases, static _ => { }, ReadAliasesAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> GetAllAliasesAsync(CancellationToken cancellationToken) =>
        RunStatementAsync(Sql.SelectAllAliases, static _ => { }, ReadAliasesAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<KeyAlias?> GetAliasAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var aliases = await RunStatementAsync(
            Sql.SelectAliasById,
            command => AddParameter(command, "@id", id),
            ReadAliasesAsync,
            cancellationToken);
        return aliases.Count == 0 ? null : aliases[0];
    }

    /// <inheritdoc />
    /// <remarks>The thumbprint is compared in upper case, the form MOSIP and we store.</remarks>
    public Task<IReadOnlyList<KeyAlias>> FindAliasesByThumbprintAsync(string thumbprintHex, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thumbprintHex);
        var upper = thumbprintHex.ToUpperInvariant();
        return RunStatementAsync(
            Sql.SelectAliasesByThumbprint,
            command => AddParameter(command, "@thumbprint", upper),
            ReadAliasesAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunStatementAsync(
            Sql.SelectStoredKey,
            command => AddParameter(command, "@id", id),
            ReadStoredKeyAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> CountBaseKeysCreatedByAsync(string appId, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(createdBy);
        return RunStatementAsync(
            Sql.CountBaseKeysCreatedBy,
            command =>
            {
                AddParameter(command, "@app_id", appId);
                AddParameter(command, "@by", createdBy);
            },
            static async (command, ct) => Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IKeyStoreWriteScope> BeginWriteAsync(string appId, string refId, CancellationToken cancellationToken) =>
        await BeginScopeAsync(appId, refId, writesKeyRows: true, cancellationToken);

    /// <summary>
    /// A write scope holding the (appId, refId) lock. <paramref name="writesKeyRows"/> false is for scopes that never
    /// touch <c>key_alias</c> (the audit chain's): their commits leave the alias cache alone, since dropping it would
    /// send every hot request back to the database after each audit batch, a round trip each on PostgreSQL.
    /// </summary>
    internal async Task<SqlWriteScope> BeginScopeAsync(string appId, string refId, bool writesKeyRows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appId);
        ArgumentNullException.ThrowIfNull(refId);

        var connection = await OpenTranslatedAsync(cancellationToken);
        try
        {
            var transaction = await Dialect.BeginLockedWriteAsync(connection, appId, refId, cancellationToken);
            return new SqlWriteScope(this, connection, transaction, appId, refId, writesKeyRows);
        }
        catch (Exception exception)
        {
            await connection.DisposeAsync();
            if (exception is DbException db && Translate(db) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }

    /// <summary>Stops the change listener and closes the pool. Safe to call more than once (a container may).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await opening.DisposeAsync();
        await Dialect.DisposeAsync();
    }

    /// <summary>Opens the database now (migrations, listener) rather than at the first operation.</summary>
    /// <exception cref="KeyStoreUnavailableException">It cannot be opened now.</exception>
    internal Task EnsureOpenAsync(CancellationToken cancellationToken) => opening.EnsureOpenAsync(cancellationToken);

    /// <summary>A connection of the opened database (migrated first if need be); provider errors untranslated.</summary>
    internal async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        await opening.EnsureOpenAsync(cancellationToken);
        return await Dialect.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>The injected clock.</summary>
    internal TimeProvider Time => time;

    /// <summary>Now from the injected clock, as stored: UTC, whole microseconds.</summary>
    internal DateTime Now() => UtcTimestamp.Normalize(time.GetUtcNow().UtcDateTime);

    /// <summary>Binds a timestamp (or null) the way this database stores it.</summary>
    internal void AddTimestamp(DbCommand command, string name, DateTime? value) => Dialect.AddTimestamp(command, name, value);

    /// <summary>Reads a timestamp column as UTC, or null.</summary>
    internal DateTime? ReadTimestamp(DbDataReader reader, int ordinal) => Dialect.ReadTimestamp(reader, ordinal);

    /// <summary>See <see cref="SqlDialect.Translate"/>.</summary>
    internal Exception? Translate(DbException exception) => Dialect.Translate(exception);

    /// <summary>Called once a write scope has ended (committed or rolled back) and closed its connection.</summary>
    internal void OnWriteScopeClosed() => Dialect.OnLockedWriteEnded();

    internal static DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The text comes from KeyStoreSql or an embedded migration; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = transaction;
        return command;
    }

    internal static void AddParameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Runs <paramref name="body"/>, replacing provider exceptions as <see cref="Translate"/> says.</summary>
    internal async Task<T> GuardAsync<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (DbException exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Runs <paramref name="body"/>, replacing provider exceptions as <see cref="Translate"/> says.</summary>
    internal async Task GuardAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (DbException exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The first use of the database: migrations, then what needs it reachable (the change listener).</summary>
    private async Task OpenDatabaseAsync(CancellationToken cancellationToken)
    {
        await GuardAsync(() => Dialect.MigrateAsync(Now, cancellationToken));
        await Dialect.OnReachedAsync(Aliases, cancellationToken);
    }

    private async Task<DbConnection> OpenTranslatedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await OpenConnectionAsync(cancellationToken);
        }
        catch (DbException exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>One statement on a connection of its own (no transaction, no lock), errors translated.</summary>
    private async Task<T> RunStatementAsync<T>(
        string sql,
        Action<DbCommand> bind,
        Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken)
    {
        using var activity = StoreActivities.StartQuery(Dialect.SystemName);
        await using var connection = await OpenTranslatedAsync(cancellationToken);
        return await GuardAsync(async () =>
        {
            await using var command = CreateCommand(connection, null, sql);
            bind(command);
            return await run(command, cancellationToken);
        });
    }
}
