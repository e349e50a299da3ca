using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Cli.Tests;

/// <summary>
/// A data directory as <c>kavach keys bootstrap</c> leaves it, made once per test run and copied for each test that
/// only needs one to start from: generating the hierarchy's RSA keys was most of those tests' time. The tests of
/// bootstrap itself (its output, its audit records, its idempotence) still run it.
/// </summary>
internal static class BootstrappedData
{
    private static readonly Lazy<Task<TempDirectory>> Template = new(async () =>
    {
        var template = new TempDirectory("kavach-cli-bootstrapped");
        var (code, output, error) = await CliRun.RunAsync("keys", "bootstrap", "--data-dir", template.Path);
        Assert.True(code == 0, error + output);

        // The whole database in kavach.db, nothing left in a write-ahead log that a pooled connection's late close
        // would fold in and delete while a copy is being made.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={template.File("kavach.db")};Pooling=False"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            using var result = checkpoint.ExecuteReader();
            Assert.True(result.Read() && result.GetInt64(0) == 0, "the bootstrapped database is still in use");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
        return template;
    });

    /// <summary>Makes <paramref name="dataDir"/> (which must not exist or be empty) a copy of the bootstrapped directory, file modes included.</summary>
    public static async Task CopyToAsync(string dataDir)
    {
        var template = (await Template.Value).Path;
        Copy(template, dataDir);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        File.SetUnixFileMode(to, File.GetUnixFileMode(from));
        foreach (var file in Directory.EnumerateFiles(from).Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
