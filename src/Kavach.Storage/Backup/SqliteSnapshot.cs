using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Backup;

/// <summary>SQLite snapshots through the online backup API: a consistent copy even while writers (in WAL mode) continue.</summary>
internal static class SqliteSnapshot
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string DatabaseFile(string connectionString) => Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    public static async Task CreateAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        var file = DatabaseFile(connectionString);
        if (!File.Exists(file))
        {
            throw new DatabaseSnapshotException("There is no SQLite database to back up (has Kavach run on this data directory?).");
        }

        // Read-only: a backup must never create or migrate the database it copies.
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        CreateOwnerOnly(target);
        try
        {
            await using var from = new SqliteConnection(source.ToString());
            await from.OpenAsync(cancellationToken);
            await using var to = new SqliteConnection(Target(target));
            await to.OpenAsync(cancellationToken);
            from.BackupDatabase(to);

            // One self-contained file: the copy carries the source's WAL flag, which would make it grow -wal/-shm files.
            await using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE";
            await journal.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (SqliteException e)
        {
            File.Delete(target);
            throw new DatabaseSnapshotException($"The SQLite snapshot failed (SQLite error {e.SqliteErrorCode}).", e);
        }
    }

    public static async Task<string> CheckAsync(string snapshot, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = snapshot, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check";
            var problems = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    problems.Add(reader.GetString(0));
                }
            }

            if (problems is not ["ok"])
            {
                throw new DatabaseSnapshotException($"The SQLite snapshot fails its integrity check: {string.Join("; ", problems.Take(5))}");
            }

            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
            var tables = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return $"SQLite integrity_check ok ({tables} tables)";
        }
        catch (SqliteException e)
        {
            throw new DatabaseSnapshotException($"The SQLite snapshot cannot be read (SQLite error {e.SqliteErrorCode}).", e);
        }
    }

    public static Task RequireAbsent(string connectionString)
    {
        var file = DatabaseFile(connectionString);
        if (File.Exists(file) || File.Exists(file + "-wal"))
        {
            throw new DatabaseSnapshotException("The SQLite database file already exists; restore only into an empty data directory.");
        }

        return Task.CompletedTask;
    }

    public static async Task RestoreAsync(string connectionString, string snapshot, CancellationToken cancellationToken)
    {
        await RequireAbsent(connectionString);
        var file = DatabaseFile(connectionString);
        var directory = Path.GetDirectoryName(file)!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var from = new FileStream(snapshot, FileMode.Open, FileAccess.Read, FileShare.Read))
            await using (var to = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }))
            {
                await from.CopyToAsync(to, cancellationToken);
                to.Flush(flushToDisk: true);
            }

            File.Move(temporary, file, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void CreateOwnerOnly(string target)
    {
        // The snapshot holds wrapped keys and the audit trail: 0600 from the first byte.
        using var created = new FileStream(target, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });
    }

    private static string Target(string target) =>
        new SqliteConnectionStringBuilder { DataSource = target, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
}
