using System.Diagnostics;
using Npgsql;

namespace Kavach.Storage.Backup;

/// <summary>
/// PostgreSQL snapshots with the PostgreSQL tools: <c>pg_dump</c> of the <c>keymgr</c> schema in custom format (one
/// consistent MVCC snapshot while the server keeps writing) and <c>pg_restore</c> in one transaction. The tools get the
/// connection through <c>PG*</c> environment variables, so the password never appears on a command line.
/// </summary>
internal static class PostgresSnapshot
{
    private const string Schema = "keymgr";

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static async Task CreateAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        using (new FileStream(target, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite }))
        {
            // Created 0600 before pg_dump writes wrapped keys into it.
        }

        try
        {
            await RunAsync("pg_dump", connectionString, ["--format=custom", $"--schema={Schema}", "--no-owner", "--no-privileges", $"--file={target}"], cancellationToken);
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    public static async Task<string> CheckAsync(string snapshot, CancellationToken cancellationToken)
    {
        var listing = await RunAsync("pg_restore", null, ["--list", snapshot], cancellationToken);
        var tables = listing.Split('\n').Count(line => line.Contains(" TABLE " + Schema + " ", StringComparison.Ordinal));
        return $"pg_restore --list ok ({tables} tables in schema {Schema})";
    }

    public static async Task RequireEmptyAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema",
            connection);
        command.Parameters.AddWithValue("schema", Schema);
        var relations = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        if (relations > 0)
        {
            throw new DatabaseSnapshotException(
                $"The database already has tables in schema {Schema}; restore only into an empty database (create a new one, or drop the schema after keeping a copy).");
        }
    }

    public static async Task RestoreAsync(string connectionString, string snapshot, CancellationToken cancellationToken)
    {
        await RequireEmptyAsync(connectionString, cancellationToken);
        await using (var connection = await OpenAsync(connectionString, cancellationToken))
        {
            // An empty schema left by hand would stop the dump's CREATE SCHEMA; without CASCADE this drops nothing else.
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema}", connection);
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new DatabaseSnapshotException("The PostgreSQL connection string names no Database to restore into.");
        await RunAsync(
            "pg_restore",
            connectionString,
            ["--exit-on-error", "--single-transaction", "--no-owner", "--no-privileges", $"--dbname={database}", snapshot],
            cancellationToken);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new DatabaseSnapshotException("The PostgreSQL database cannot be reached.", e);
        }
    }

    private static async Task<string> RunAsync(string tool, string? connectionString, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(PostgresTools.Find(tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (connectionString is not null)
        {
            PostgresTools.SetEnvironment(start, connectionString);
        }

        using var process = Process.Start(start) ?? throw new DatabaseSnapshotException($"{tool} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A cancelled backup must not leave pg_dump writing (or pg_restore holding its transaction) behind it.
            process.Kill(entireProcessTree: true);
            throw;
        }

        var stdout = await output;
        var stderr = await error;
        if (process.ExitCode != 0)
        {
            var first = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
            throw new DatabaseSnapshotException($"{tool} failed (exit {process.ExitCode}): {(first.Length > 300 ? first[..300] : first)}");
        }

        return stdout;
    }
}
