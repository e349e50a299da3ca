using Kavach.Storage.Trust;
using Kavach.Trust.Storage;

namespace Kavach.Storage;

/// <summary>Opens the partner trust store's repository on the key store's database.</summary>
public static class TrustStores
{
    /// <summary>
    /// The trust repository on the database named by <paramref name="options"/>. It uses the tables of migration
    /// 0003, so open the key store first (<see cref="KeyStores.OpenAsync"/> applies the migrations). Nothing to
    /// dispose: connections come from the provider's pool for the connection string. Connection-level failures
    /// surface as <see cref="KeyStoreUnavailableException"/>.
    /// </summary>
    public static ITrustRepository Open(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("The key store connection string is empty.", nameof(options));
        }

        TrustDialect dialect = options.Provider switch
        {
            StoreProvider.Sqlite => new SqliteTrustDialect(options.ConnectionString),
            StoreProvider.PostgreSql => new PostgresTrustDialect(options.ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown store provider."),
        };
        return new SqlTrustRepository(dialect);
    }
}
