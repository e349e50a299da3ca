using System.Collections.Concurrent;
using Kavach.Testing;
using Microsoft.Data.Sqlite;

namespace Kavach.Server.Tests.Support;

/// <summary>
/// Data directories as a server's first start leaves them (vault, database, admin token, salts): the first server
/// started with a set of start-up arguments is copied as soon as it is ready, before its test sees it, and every later
/// server with the same arguments starts on a copy of that copy. A first start generates the key hierarchy (a dozen
/// RSA keys, each written under a 600,000-round PBKDF2) and the zero-knowledge pool: seconds of CPU per server, which
/// most tests never look at. The tests of the first start itself pass their own directory, which is never copied.
/// </summary>
internal static class StartedDirectories
{
    private const string Database = "kavach.db";

    private static readonly ConcurrentDictionary<string, Template> Templates = new(StringComparer.Ordinal);

    /// <summary>The template for servers started with <paramref name="startArgs"/>.</summary>
    public static Template For(IEnumerable<string> startArgs) =>
        Templates.GetOrAdd(string.Join('\n', startArgs), _ => new Template());

    /// <summary>One set of start-up arguments' started directory: made from the first server, copied for the others.</summary>
    internal sealed class Template
    {
        private readonly TaskCompletionSource<TempDirectory?> _made = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;

        /// <summary>True for the first caller only: the server it starts makes the template (<see cref="Save"/> or <see cref="Abandon"/>).</summary>
        public bool Claim() => Interlocked.Exchange(ref _claimed, 1) == 0;

        /// <summary>
        /// Copies the template into the empty <paramref name="dataDir"/>, waiting for the first server to make it; false
        /// when that server failed to start (the caller's server then makes its own directory).
        /// </summary>
        public async Task<bool> TryCopyToAsync(string dataDir)
        {
            var made = await _made.Task;
            if (made is null)
            {
                return false;
            }

            Copy(made.Path, dataDir);
            return true;
        }

        /// <summary>Keeps a copy of the just started, not yet used <paramref name="dataDir"/>.</summary>
        public void Save(string dataDir)
        {
            var template = new TempDirectory("kavach-server-template");
            try
            {
                Copy(dataDir, template.Path);
            }
            catch
            {
                template.Dispose();
                Abandon();
                throw;
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) => template.Dispose();
            _made.TrySetResult(template);
        }

        /// <summary>The first server did not start: the others start on directories of their own.</summary>
        public void Abandon() => _made.TrySetResult(null);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        File.SetUnixFileMode(to, File.GetUnixFileMode(from));

        // The database first: a key the running server adds meanwhile lands in the vault copy only, never in the
        // database copy only.
        var database = Path.Combine(from, Database);
        if (File.Exists(database))
        {
            SnapshotDatabase(database, Path.Combine(to, Database));
            File.SetUnixFileMode(Path.Combine(to, Database), File.GetUnixFileMode(database));
        }

        foreach (var file in Directory.EnumerateFiles(from))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith(Database, StringComparison.Ordinal))
            {
                // The database and its write-ahead log and index: snapshotted above.
                continue;
            }

            var target = Path.Combine(to, name);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    // VACUUM INTO writes a consistent copy whatever the server's connections hold in the write-ahead log, without
    // clearing the connection pools of servers other tests are running.
    private static void SnapshotDatabase(string source, string target)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", target);
        command.ExecuteNonQuery();
    }
}
