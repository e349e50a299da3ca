using Xunit;
using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Kavach.Testing;

/// <summary>
/// The PostgreSQL server for the tests: the one named by <c>KAVACH_TEST_PG</c> (scripts/test.sh starts it), or,
/// when that is unset, a throw-away cluster started here with scripts/pg-test-cluster.sh and stopped at the end.
/// The tests never skip for want of a server: if none can be had, they fail with the script's message.
/// Each test class gets a database of its own, dropped at the end.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The variable scripts/test.sh sets to the server's connection string.</summary>
    public const string EnvironmentVariable = "KAVACH_TEST_PG";

    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> databases = new();
    private string? ownClusterDirectory;
    private string adminConnectionString = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            adminConnectionString = configured;
            return;
        }

        ownClusterDirectory = Path.Combine(Path.GetTempPath(), "kavach-pg-xunit-" + Guid.NewGuid().ToString("N")[..12]);
        var output = await RunClusterScriptAsync("start");
        adminConnectionString = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
    }

    /// <summary>The connection string of a database created for <paramref name="owner"/> (once per owner).</summary>
    public Task<string> DatabaseForAsync(string owner) =>
        databases.GetOrAdd(owner, _ => new Lazy<Task<string>>(CreateDatabaseAsync)).Value;

    /// <summary>A connection string to the server's maintenance database, for tests that need one.</summary>
    public string AdminConnectionString => adminConnectionString;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        // Idle pooled connections would keep the databases busy.
        NpgsqlConnection.ClearAllPools();
        if (adminConnectionString.Length > 0)
        {
            await using var connection = new NpgsqlConnection(WithPooling(adminConnectionString, pooling: false));
            await connection.OpenAsync();
            foreach (var database in databases.Values)
            {
                var connectionString = await database.Value;
                var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }

        if (ownClusterDirectory is not null)
        {
            await RunClusterScriptAsync("stop");
        }
    }

    private static string WithPooling(string connectionString, bool pooling) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = pooling }.ConnectionString;

    private async Task<string> CreateDatabaseAsync()
    {
        // Generated, so safe to splice into CREATE DATABASE (which takes no parameters).
        var name = "kavach_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(WithPooling(adminConnectionString, pooling: false)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    private async Task<string> RunClusterScriptAsync(string verb)
    {
        var script = Path.Combine(RepositoryRoot.Find(), "scripts", "pg-test-cluster.sh");
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        start.Environment["KAVACH_PG_DIR"] = ownClusterDirectory;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start bash.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pg-test-cluster.sh {verb} did not finish within {ScriptTimeout}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pg-test-cluster.sh {verb} failed ({process.ExitCode}); PostgreSQL tests cannot run: {await stderr}");
        }

        return await stdout;
    }
}
