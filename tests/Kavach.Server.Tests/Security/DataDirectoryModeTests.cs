using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Security;

/// <summary>The data directory is 0700 and the database files 0600, also when the directory existed before the start.</summary>
public sealed class DataDirectoryModeTests
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_data_directory_that_existed_0755_is_tightened_and_kavach_db_wal_and_shm_are_0600()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX modes only
        }

        using var directory = new TempDirectory("kavach-modes");
        const UnixFileMode open = OwnerAll | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(directory.Path, open);

        await using (var server = await TestServer.StartAsync(directory.Path))
        {
            Assert.Equal(OwnerAll, File.GetUnixFileMode(directory.Path));
            var database = directory.File("kavach.db");
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                Assert.True(File.Exists(file), file);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            // Nothing else the server wrote there is readable by group or others either.
            foreach (var file in Directory.EnumerateFiles(directory.Path))
            {
                Assert.True((File.GetUnixFileMode(file) & ~(UnixFileMode.UserRead | UnixFileMode.UserWrite)) == 0, Path.GetFileName(file));
            }
        }
    }
}
