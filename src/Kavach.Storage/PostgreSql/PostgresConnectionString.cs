using Npgsql;

namespace Kavach.Storage.PostgreSql;

/// <summary>What can be told about an Npgsql connection string without connecting.</summary>
internal static class PostgresConnectionString
{
    /// <exception cref="StoreConfigurationException">Npgsql cannot parse it, or it names no host.</exception>
    internal static void Validate(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's message can quote a fragment of the string (a misplaced ';' turns part of a password into a
            // "keyword"), so neither it nor the exception goes further.
            throw new StoreConfigurationException(
                nameof(StoreOptions.ConnectionString), "The store's ConnectionString is not a valid PostgreSQL (Npgsql) connection string.");
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            throw new StoreConfigurationException(nameof(StoreOptions.ConnectionString), "The store's ConnectionString names no Host.");
        }
    }
}
