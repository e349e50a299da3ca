using Kavach.Storage.PostgreSql;
using Kavach.Storage.Sqlite;

namespace Kavach.Storage;

/// <summary>Which database the key store uses and how to reach it.</summary>
/// <param name="Provider">The database engine.</param>
/// <param name="ConnectionString">
/// SQLite: <c>Data Source=&lt;file&gt;</c>. PostgreSQL: an Npgsql connection string. It may hold a password,
/// so <see cref="ToString"/> leaves it out.
/// </param>
public sealed record StoreOptions(StoreProvider Provider, string ConnectionString)
{
    /// <summary>Describes the options without the connection string, which may hold a password.</summary>
    public override string ToString() => $"StoreOptions {{ Provider = {Provider} }}";

    /// <summary>
    /// Checks what can be checked without reaching the database: a known provider, a connection string the provider's
    /// parser accepts, an SQLite file (not in-memory) whose folder exists, a PostgreSQL host.
    /// </summary>
    /// <exception cref="StoreConfigurationException">The options cannot work; the message names the setting.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(Provider))
        {
            throw new StoreConfigurationException(
                nameof(Provider), $"The store's Provider ({(int)Provider}) is unknown; use Sqlite or PostgreSql.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new StoreConfigurationException(nameof(ConnectionString), "The store's ConnectionString is empty.");
        }

        switch (Provider)
        {
            case StoreProvider.Sqlite:
                SqliteConnections.Validate(ConnectionString);
                break;
            case StoreProvider.PostgreSql:
                PostgresConnectionString.Validate(ConnectionString);
                break;
        }
    }
}
