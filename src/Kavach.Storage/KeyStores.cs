using Kavach.Keys.Storage;
using Kavach.Storage.PostgreSql;
using Kavach.Storage.Sqlite;

namespace Kavach.Storage;

/// <summary>Opens the key store named by <see cref="StoreOptions"/>, migrating its schema first.</summary>
public static class KeyStores
{
    /// <summary>
    /// Applies pending migrations (safe when several processes start at once) and returns the store.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Instants are stored as UTC with microsecond precision: a value written is read back as
    /// <see cref="DateTimeKind.Utc"/>, truncated to whole microseconds. <see cref="DateTimeKind.Unspecified"/>
    /// values are taken as UTC. Audit columns are stamped from <paramref name="time"/>.
    /// </para>
    /// <para>
    /// The store also implements <see cref="IAsyncDisposable"/>; dispose it at shutdown to close pooled connections.
    /// Connection-level failures surface as <see cref="KeyStoreUnavailableException"/>, unique-key violations as
    /// <see cref="KeyStoreConflictException"/>, both with generic messages.
    /// </para>
    /// </remarks>
    /// <exception cref="KeyStoreUnavailableException">The database cannot be reached.</exception>
    public static async Task<IKeyStore> OpenAsync(StoreOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("The key store connection string is empty.", nameof(options));
        }

        return options.Provider switch
        {
            StoreProvider.Sqlite => await SqliteKeyStore.OpenAsync(options.ConnectionString, time, cancellationToken),
            StoreProvider.PostgreSql => await PostgresKeyStore.OpenAsync(options.ConnectionString, time, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown store provider."),
        };
    }
}
