namespace Kavach.Storage.Backup;

/// <summary>
/// Consistent copies of the key store's database taken while the server may be running, for backups: SQLite through
/// its online backup API, PostgreSQL through <c>pg_dump</c> of the <c>keymgr</c> schema (custom format). Restoring
/// goes only into an empty target.
/// </summary>
public static class DatabaseSnapshots
{
    /// <summary>The snapshot's file name for <paramref name="provider"/>.</summary>
    public static string FileName(StoreProvider provider) => provider switch
    {
        StoreProvider.Sqlite => "kavach.db",
        StoreProvider.PostgreSql => "keymgr.pgdump",
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>Writes a snapshot of the database of <paramref name="store"/> to <paramref name="target"/> (which must not exist; created 0600).</summary>
    /// <exception cref="DatabaseSnapshotException">There is no database, or the snapshot failed.</exception>
    public static Task CreateAsync(StoreOptions store, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        store.Validate();
        return store.Provider switch
        {
            StoreProvider.Sqlite => SqliteSnapshot.CreateAsync(store.ConnectionString, target, cancellationToken),
            StoreProvider.PostgreSql => PostgresSnapshot.CreateAsync(store.ConnectionString, target, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(store)),
        };
    }

    /// <summary>
    /// Checks a snapshot file: SQLite <c>PRAGMA integrity_check</c>, PostgreSQL <c>pg_restore --list</c>. Returns what
    /// was checked, in words.
    /// </summary>
    /// <exception cref="DatabaseSnapshotException">The snapshot is damaged.</exception>
    public static Task<string> CheckAsync(StoreProvider provider, string snapshot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        return provider switch
        {
            StoreProvider.Sqlite => SqliteSnapshot.CheckAsync(snapshot, cancellationToken),
            StoreProvider.PostgreSql => PostgresSnapshot.CheckAsync(snapshot, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
    }

    /// <summary>
    /// Refuses (throws) unless the database of <paramref name="store"/> can receive a restore: SQLite, no database file
    /// yet; PostgreSQL, no <c>keymgr</c> tables. Changes nothing.
    /// </summary>
    /// <exception cref="DatabaseSnapshotException">The target is not empty, or cannot be reached.</exception>
    public static Task RequireEmptyTargetAsync(StoreOptions store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider switch
        {
            StoreProvider.Sqlite => SqliteSnapshot.RequireAbsent(store.ConnectionString),
            StoreProvider.PostgreSql => PostgresSnapshot.RequireEmptyAsync(store.ConnectionString, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(store)),
        };
    }

    /// <summary>
    /// Restores <paramref name="snapshot"/> into the (empty, see <see cref="RequireEmptyTargetAsync"/>) database of
    /// <paramref name="store"/>: SQLite, moves the file into place (0600); PostgreSQL, <c>pg_restore</c> in one transaction.
    /// </summary>
    /// <exception cref="DatabaseSnapshotException">The target is not empty, or the restore failed.</exception>
    public static Task RestoreAsync(StoreOptions store, string snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshot);
        return store.Provider switch
        {
            StoreProvider.Sqlite => SqliteSnapshot.RestoreAsync(store.ConnectionString, snapshot, cancellationToken),
            StoreProvider.PostgreSql => PostgresSnapshot.RestoreAsync(store.ConnectionString, snapshot, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(store)),
        };
    }

    /// <summary>The SQLite database file the connection string names (null for PostgreSQL).</summary>
    public static string? SqliteFile(StoreOptions store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Provider == StoreProvider.Sqlite ? SqliteSnapshot.DatabaseFile(store.ConnectionString) : null;
    }
}
