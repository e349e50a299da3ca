using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Sqlite;

/// <summary>Connection-string rules and per-connection settings for the SQLite store.</summary>
internal static class SqliteConnections
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>How long a writer waits for another writer (thread or process) before giving up.</summary>
    internal static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The caller's connection string with the settings the store relies on: pooling and foreign keys on,
    /// a file database (each operation opens its own connection, so a private in-memory database would vanish).
    /// </summary>
    internal static string Normalize(string connectionString)
    {
        var builder = Parse(connectionString);
        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = (int)BusyTimeout.TotalSeconds;
        return builder.ToString();
    }

    /// <summary>
    /// Refuses, without touching the file, a connection string SQLite cannot parse, an in-memory database and a file
    /// whose folder does not exist (the folder is the operator's to create, with the mode they want).
    /// </summary>
    /// <exception cref="StoreConfigurationException">The connection string cannot work.</exception>
    internal static void Validate(string connectionString)
    {
        var dataSource = Parse(connectionString).DataSource;
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            throw new StoreConfigurationException(
                nameof(StoreOptions.ConnectionString), "The folder of the store's SQLite database file (ConnectionString, Data Source) does not exist.");
        }
    }

    private static SqliteConnectionStringBuilder Parse(string connectionString)
    {
        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Not the parser's message: it can quote a fragment of the string.
            throw new StoreConfigurationException(
                nameof(StoreOptions.ConnectionString), "The store's ConnectionString is not a valid SQLite connection string.");
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) ||
            builder.DataSource.Trim() == ":memory:" ||
            builder.Mode == SqliteOpenMode.Memory)
        {
            throw new StoreConfigurationException(
                nameof(StoreOptions.ConnectionString), "The SQLite store needs a database file (ConnectionString: Data Source=<file>), not an in-memory database.");
        }

        return builder;
    }

    /// <summary>
    /// Creates the database file with mode 0600 if missing — SQLite creates the WAL, SHM and journal files with the
    /// database file's mode, so they are 0600 too — and tightens existing files open to group or others to 0600.
    /// The folder must exist (<see cref="Validate"/>); SQLite does not create it and neither do we.
    /// </summary>
    /// <exception cref="InvalidOperationException">A database file is open to group or others and cannot be tightened.</exception>
    internal static void EnsureFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.GetFullPath(dataSource);
        CreateOwnerOnly(path);
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            TightenToOwnerOnly(file);
        }
    }

    private static void CreateOwnerOnly(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            // An empty file is a valid empty database; made 0600 from its first byte, so there is no chmod window.
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.ReadWrite,
                UnixCreateMode = OwnerReadWrite,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first; it is tightened below like any existing file.
        }
    }

    private static void TightenToOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerReadWrite) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode & OwnerReadWrite);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InvalidOperationException(
                $"The database file {Path.GetFileName(path)} is open to group or others (mode {Convert.ToString((int)mode, 8)}) and cannot be made 0600 (is it owned by another user?); run 'chmod 600' on it as its owner.",
                e);
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
