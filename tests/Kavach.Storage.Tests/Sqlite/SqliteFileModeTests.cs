using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Storage.Tests.Sqlite;

/// <summary>The database, WAL and SHM files are the owner's alone (0600), new or found open to others.</summary>
public sealed class SqliteFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task A_new_database_and_its_wal_and_shm_files_are_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX modes only
        }

        using var folder = new TempDirectory("kavach-sqlite-modes");
        var path = folder.File("kavach.db");

        var store = await KeyStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), TimeProvider.System, CancellationToken.None);
        try
        {
            // A connection of our own (unpooled, so another test clearing the pools cannot close it and let SQLite
            // delete the WAL) writes: SQLite creates the WAL and SHM files now, with the database file's mode.
            await using var writer = new SqliteConnection($"Data Source={path};Pooling=False");
            await writer.OpenAsync();
            await using (var command = writer.CreateCommand())
            {
                command.CommandText = "CREATE TABLE file_mode_probe (x INTEGER)";
                await command.ExecuteNonQueryAsync();
            }

            Assert.True(File.Exists(path + "-wal"));
            Assert.True(File.Exists(path + "-shm"));
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
            }
        }
        finally
        {
            await ((IAsyncDisposable)store).DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task A_database_found_world_readable_is_tightened_to_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX modes only
        }

        using var folder = new TempDirectory("kavach-sqlite-modes");
        var path = folder.File("kavach.db");
        var first = await KeyStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), TimeProvider.System, CancellationToken.None);
        await ((IAsyncDisposable)first).DisposeAsync();
        SqliteConnection.ClearAllPools();
        const UnixFileMode open = OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(path, open);
        await File.WriteAllBytesAsync(path + "-wal", []);
        File.SetUnixFileMode(path + "-wal", open);

        var store = await KeyStores.OpenAsync(new StoreOptions(StoreProvider.Sqlite, $"Data Source={path}"), TimeProvider.System, CancellationToken.None);
        try
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path + "-wal"));
        }
        finally
        {
            await ((IAsyncDisposable)store).DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }
}
