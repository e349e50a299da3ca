using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Sqlite;

/// <summary>Connection-string rules and per-connection settings for the SQLite store.</summary>
internal static class SqliteConnections
{
    /// <summary>How long a writer waits for another writer (thread or process) before giving up.</summary>
    internal static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The caller's connection string with the settings the store relies on: pooling and foreign keys on,
    /// a file database (each operation opens its own connection, so a private in-memory database would vanish).
    /// </summary>
    internal static string Normalize(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) ||
            builder.DataSource.Trim() == ":memory:" ||
            builder.Mode == SqliteOpenMode.Memory)
        {
            throw new ArgumentException("The SQLite key store needs a database file (Data Source=<file>).", nameof(connectionString));
        }

        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = (int)BusyTimeout.TotalSeconds;
        return builder.ToString();
    }

    /// <summary>Creates the folder of the database file, which SQLite itself does not do.</summary>
    internal static void EnsureDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>Opens a pooled connection and sets the busy timeout (a per-connection setting).</summary>
    internal static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();

            // SQLite's own busy handler waits in short steps; without it a second writer fails at once with SQLITE_BUSY.
            command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
