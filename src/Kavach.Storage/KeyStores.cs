using Kavach.Storage.PostgreSql;
using Kavach.Storage.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Storage;

/// <summary>Makes the store named by <see cref="StoreOptions"/>.</summary>
/// <remarks>
/// <para>
/// Instants are stored as UTC with microsecond precision: a value written is read back as
/// <see cref="DateTimeKind.Utc"/>, truncated to whole microseconds. <see cref="DateTimeKind.Unspecified"/>
/// values are taken as UTC. Audit columns are stamped from the store's clock.
/// </para>
/// <para>
/// Dispose the store at shutdown to close its connection pool (and PostgreSQL's change listener).
/// Connection-level failures surface as <see cref="KeyStoreUnavailableException"/>, unique-key violations as
/// <see cref="KeyStoreConflictException"/>, both with generic messages.
/// </para>
/// </remarks>
public static class KeyStores
{
    /// <summary>
    /// Validates <paramref name="options"/> and returns the store without touching the database. The first operation
    /// applies pending migrations (once; concurrent first calls share the attempt; safe when several processes start
    /// at once); until the database can be opened every operation throws <see cref="KeyStoreUnavailableException"/>,
    /// <see cref="Kavach.Keys.Storage.IKeyStore.IsReachableAsync"/> answers false, and the next call tries again.
    /// </summary>
    /// <exception cref="StoreConfigurationException">The options cannot work (see <see cref="StoreOptions.Validate"/>).</exception>
    public static IKavachStore Create(StoreOptions options, TimeProvider time, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        loggers ??= NullLoggerFactory.Instance;
        SqlDialect dialect = options.Provider switch
        {
            StoreProvider.Sqlite => new SqliteDialect(options.ConnectionString),
            StoreProvider.PostgreSql => new PostgresDialect(options.ConnectionString, time, loggers),
            _ => throw new StoreConfigurationException(nameof(options.Provider), "The store's Provider is unknown; use Sqlite or PostgreSql."),
        };
        return new SqlKeyStore(dialect, time, loggers);
    }

    /// <summary><see cref="Create"/>, then opens the database now (migrations applied) instead of at first use.</summary>
    /// <exception cref="StoreConfigurationException">The options cannot work.</exception>
    /// <exception cref="KeyStoreUnavailableException">The database cannot be reached.</exception>
    public static async Task<IKavachStore> OpenAsync(StoreOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var store = (SqlKeyStore)Create(options, time);
        try
        {
            await store.EnsureOpenAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }
}
