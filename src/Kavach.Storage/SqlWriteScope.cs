using System.Data.Common;
using Kavach.Keys.Storage;

namespace Kavach.Storage;

/// <summary>
/// A transaction holding the (appId, refId) write lock of a <see cref="SqlKeyStore"/>. The lock is the
/// transaction's (PostgreSQL advisory transaction lock, SQLite's writer lock), so it ends exactly when the
/// transaction does: on <see cref="CommitAsync"/>, or on <see cref="DisposeAsync"/>, which rolls back.
/// </summary>
/// <remarks>
/// Always dispose a scope: until then it holds a pooled connection and the lock (and, on SQLite, the store's
/// in-process writer gate). After a <see cref="KeyStoreConflictException"/> dispose it too: PostgreSQL refuses
/// further statements in a transaction that has failed one.
/// </remarks>
internal sealed class SqlWriteScope : IKeyStoreWriteScope
{
    private readonly SqlKeyStore store;
    private readonly DbConnection connection;
    private readonly DbTransaction transaction;
    private readonly string appId;
    private readonly string refId;
    private readonly bool writesKeyRows;
    private bool committed;
    private bool disposed;

    /// <param name="writesKeyRows">False only for scopes that never write <c>key_alias</c> (see <see cref="SqlKeyStore.BeginScopeAsync"/>):
    /// the key-row methods then refuse, so such a scope cannot change rows the alias cache would go on serving.</param>
    internal SqlWriteScope(SqlKeyStore store, DbConnection connection, DbTransaction transaction, string appId, string refId, bool writesKeyRows)
    {
        this.store = store;
        this.connection = connection;
        this.transaction = transaction;
        this.appId = appId;
        this.refId = refId;
        this.writesKeyRows = writesKeyRows;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(CancellationToken cancellationToken) =>
        RunAsync(
            store.Sql.SelectAliasesOfPair,
            command =>
            {
                SqlKeyStore.AddParameter(command, "@app_id", appId);
                SqlKeyStore.AddParameter(command, "@ref_id", refId);
            },
            store.ReadAliasesAsync,
            cancellationToken);

    /// <inheritdoc />
    public Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return RunAsync(
            store.Sql.SelectStoredKey,
            command => SqlKeyStore.AddParameter(command, "@id", id),
            SqlKeyStore.ReadStoredKeyAsync,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> UniqueIdentifierExistsAsync(string uniqueIdentifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uniqueIdentifier);
        return RunAsync(
            store.Sql.SelectUniqueIdentifierExists,
            command => SqlKeyStore.AddParameter(command, "@uni_ident", uniqueIdentifier),
            static async (command, ct) => await command.ExecuteScalarAsync(ct) is not null and not DBNull,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task InsertAliasAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        var now = store.Now();
        var createdBy = KeyCreator.Current ?? AuditColumns.SystemUser;
        return ExecuteAsync(
            store.Sql.InsertAlias,
            command =>
            {
                SqlKeyStore.AddParameter(command, "@id", alias.Id);
                SqlKeyStore.AddParameter(command, "@app_id", alias.AppId);
                SqlKeyStore.AddParameter(command, "@ref_id", alias.RefId);
                store.AddTimestamp(command, "@gen", alias.GeneratedAt);
                store.AddTimestamp(command, "@expire", alias.ExpiresAt);
                SqlKeyStore.AddParameter(command, "@thumbprint", alias.CertThumbprint);
                SqlKeyStore.AddParameter(command, "@uni_ident", alias.UniqueIdentifier);
                SqlKeyStore.AddParameter(command, "@by", createdBy);
                store.AddTimestamp(command, "@now", now);
            },
            expectRow: null,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task InsertStoredKeyAsync(StoredKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = store.Now();
        var createdBy = KeyCreator.Current ?? AuditColumns.SystemUser;
        return ExecuteAsync(
            store.Sql.InsertStoredKey,
            command =>
            {
                SqlKeyStore.AddParameter(command, "@id", key.Id);
                SqlKeyStore.AddParameter(command, "@master_key", key.MasterKeyAlias);
                SqlKeyStore.AddParameter(command, "@private_key", key.WrappedPrivateKey);
                SqlKeyStore.AddParameter(command, "@certificate", key.CertificatePem);
                SqlKeyStore.AddParameter(command, "@by", createdBy);
                store.AddTimestamp(command, "@now", now);
            },
            expectRow: null,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task SetExpiryAsync(string aliasId, DateTime expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliasId);
        var now = store.Now();
        return ExecuteAsync(
            store.Sql.UpdateAliasExpiry,
            command =>
            {
                SqlKeyStore.AddParameter(command, "@id", aliasId);
                store.AddTimestamp(command, "@expire", expiresAt);
                SqlKeyStore.AddParameter(command, "@by", AuditColumns.SystemUser);
                store.AddTimestamp(command, "@now", now);
            },
            expectRow: aliasId,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateAliasCertificateAsync(
        string aliasId,
        DateTime generatedAt,
        DateTime expiresAt,
        string certThumbprint,
        string uniqueIdentifier,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aliasId);
        ArgumentNullException.ThrowIfNull(certThumbprint);
        ArgumentNullException.ThrowIfNull(uniqueIdentifier);
        var now = store.Now();
        return ExecuteAsync(
            store.Sql.UpdateAliasCertificate,
            command =>
            {
                SqlKeyStore.AddParameter(command, "@id", aliasId);
                store.AddTimestamp(command, "@gen", generatedAt);
                store.AddTimestamp(command, "@expire", expiresAt);
                SqlKeyStore.AddParameter(command, "@thumbprint", certThumbprint);
                SqlKeyStore.AddParameter(command, "@uni_ident", uniqueIdentifier);
                SqlKeyStore.AddParameter(command, "@by", AuditColumns.SystemUser);
                store.AddTimestamp(command, "@now", now);
            },
            expectRow: aliasId,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task UpdateStoredCertificateAsync(string id, string certificatePem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(certificatePem);
        var now = store.Now();
        return ExecuteAsync(
            store.Sql.UpdateStoredCertificate,
            command =>
            {
                SqlKeyStore.AddParameter(command, "@id", id);
                SqlKeyStore.AddParameter(command, "@certificate", certificatePem);
                SqlKeyStore.AddParameter(command, "@by", AuditColumns.SystemUser);
                store.AddTimestamp(command, "@now", now);
            },
            expectRow: id,
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        try
        {
            await store.GuardAsync(() => transaction.CommitAsync(cancellationToken));
            committed = true;
        }
        finally
        {
            // Even a commit that failed may have reached the database.
            if (writesKeyRows)
            {
                store.Aliases.Invalidate();
            }
        }
    }

    /// <summary>Rolls back unless committed, then returns the connection and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            if (!committed)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
        catch (DbException)
        {
            // The connection is already broken; the server discards the transaction (and its lock) with it.
        }
        catch (InvalidOperationException)
        {
            // The transaction already ended, e.g. the provider completed it after a failed commit.
        }
        finally
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            store.OnWriteScopeClosed();
        }
    }

    private void ThrowIfEnded()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (committed)
        {
            throw new InvalidOperationException("The write scope has already been committed.");
        }
    }

    /// <summary>Runs a statement inside this scope's transaction (for other tables written under the same lock).</summary>
    internal Task<T> RunAsync<T>(
        string sql,
        Action<DbCommand> bind,
        Func<DbCommand, CancellationToken, Task<T>> run,
        CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        return store.GuardAsync(async () =>
        {
            await using var command = SqlKeyStore.CreateCommand(connection, transaction, sql);
            bind(command);
            return await run(command, cancellationToken);
        });
    }

    /// <summary>Runs one statement once per item inside this scope's transaction, as the dialect runs many (<see cref="SqlDialect.ExecuteEachAsync"/>).</summary>
    internal Task ExecuteEachAsync<T>(string sql, IEnumerable<T> items, Action<DbCommand, T> bind, CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        return store.GuardAsync(() => store.Dialect.ExecuteEachAsync(connection, transaction, sql, items, bind, cancellationToken));
    }

    /// <param name="expectRow">For updates: the id that must exist; a missing row is a caller bug, not a no-op.</param>
    private async Task ExecuteAsync(string sql, Action<DbCommand> bind, string? expectRow, CancellationToken cancellationToken)
    {
        if (!writesKeyRows)
        {
            throw new InvalidOperationException("This write scope does not write key rows: its commit would leave the alias cache stale.");
        }

        var affected = await RunAsync(
            sql,
            bind,
            static async (command, ct) => await command.ExecuteNonQueryAsync(ct),
            cancellationToken);
        if (expectRow is not null && affected == 0)
        {
            throw new KeyNotFoundException($"No row with id '{expectRow}' to update.");
        }
    }
}
