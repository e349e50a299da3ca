using System.Diagnostics;
using Npgsql;

namespace Kavach.Storage.Backup;

/// <summary>Finds the PostgreSQL client tools and hands them a connection without a command-line password.</summary>
internal static class PostgresTools
{
    /// <summary>
    /// <paramref name="tool"/> on <c>PATH</c>, else in the newest <c>/usr/lib/postgresql/*/bin</c> (Debian's layout, as
    /// scripts/test.sh looks). A dump made by an older <c>pg_dump</c> than the server is refused by PostgreSQL itself.
    /// </summary>
    public static string Find(string tool)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, tool);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : -1, Path: Path.Combine(version, "bin", tool)))
                .Where(entry => File.Exists(entry.Path))
                .OrderByDescending(entry => entry.Version)
                .FirstOrDefault();
            if (newest.Path is not null)
            {
                return newest.Path;
            }
        }

        throw new DatabaseSnapshotException($"{tool} was not found on PATH or under /usr/lib/postgresql/*/bin; install the PostgreSQL client tools (Debian: postgresql-client).");
    }

    /// <summary>Passes host, port, database, user, password and TLS mode as <c>PG*</c> variables.</summary>
    public static void SetEnvironment(ProcessStartInfo start, string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Set(start, "PGHOST", builder.Host);
        Set(start, "PGPORT", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(start, "PGDATABASE", builder.Database);
        Set(start, "PGUSER", builder.Username);
        Set(start, "PGPASSWORD", builder.Password);
        Set(start, "PGSSLMODE", builder.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        });
    }

    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            start.Environment[name] = value;
        }
        else
        {
            start.Environment.Remove(name);
        }
    }
}
