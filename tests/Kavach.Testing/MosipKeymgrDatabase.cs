using Npgsql;

namespace Kavach.Testing;

/// <summary>
/// Builds MOSIP's <c>mosip_keymgr</c> schema in a database with MOSIP's own scripts (<c>../shared/reference/mosip-keymgr-db/</c>,
/// copied unchanged from mosip/keymanager), run with psql as MOSIP's deployment runs them: <c>CREATE SCHEMA keymgr</c>,
/// the <c>ddl/</c> files in <c>ddl.sql</c>'s order, then <c>dml.sql</c> (the default key policies, loaded with <c>\COPY</c>).
/// The scripts are a test input and are never copied into the repository.
/// </summary>
public static class MosipKeymgrDatabase
{
    /// <summary>Where MOSIP's scripts are: <c>../shared/reference/mosip-keymgr-db</c> beside the repository root.</summary>
    public static string ScriptDirectory
    {
        get
        {
            var directory = Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "reference", "mosip-keymgr-db"));
            return File.Exists(Path.Combine(directory, "ddl.sql"))
                ? directory
                : throw new InvalidOperationException($"MOSIP's keymgr scripts are not at {directory} (the tests read ../shared beside the repository).");
        }
    }

    /// <summary>
    /// Creates MOSIP's schema in the (empty) database of <paramref name="connectionString"/>. With
    /// <paramref name="upgradedFrom121"/> the database is first put in its 1.2.1.0 shape (no <c>ca_cert_store.ca_cert_type</c>,
    /// none of the 1.3 indexes) and then brought to 1.3.0 with MOSIP's upgrade script, as an upgraded installation was.
    /// </summary>
    public static async Task CreateAsync(string connectionString, bool upgradedFrom121 = false)
    {
        var scripts = ScriptDirectory;
        await PsqlAsync(connectionString, scripts, null, "-c", "CREATE SCHEMA keymgr");
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(scripts, "ddl.sql")))
        {
            if (line.StartsWith(@"\ir ", StringComparison.Ordinal))
            {
                await PsqlAsync(connectionString, scripts, null, "-f", line[4..].Trim());
            }
        }

        if (upgradedFrom121)
        {
            await PsqlAsync(
                connectionString,
                scripts,
                null,
                "-c",
                """
                DROP INDEX keymgr.idx_ca_cert_store_cr_dtimes, keymgr.idx_ca_cert_store_del_dtimes,
                           keymgr.idx_ca_cert_store_upd_dtimes, keymgr.idx_ca_cert_times;
                ALTER TABLE keymgr.ca_cert_store DROP COLUMN ca_cert_type;
                """);
        }

        await PsqlScriptAsync(connectionString, scripts, "dml.sql");
        if (upgradedFrom121)
        {
            await PsqlScriptAsync(connectionString, scripts, "upgrade-1.2.1.0_to_1.3.0.sql");
        }
    }

    // MOSIP's scripts start with "\c mosip_keymgr": the database is ours, so that line is left out.
    private static async Task PsqlScriptAsync(string connectionString, string scripts, string file)
    {
        var lines = (await File.ReadAllLinesAsync(Path.Combine(scripts, file))).Where(l => !l.StartsWith(@"\c ", StringComparison.Ordinal));
        await PsqlAsync(connectionString, scripts, string.Join('\n', lines) + "\n");
    }

    private static async Task PsqlAsync(string connectionString, string scripts, string? stdin, params string[] arguments)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = builder.Host ?? "127.0.0.1",
            ["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = builder.Database ?? throw new ArgumentException("No database in the connection string.", nameof(connectionString)),
            ["PGUSER"] = builder.Username ?? string.Empty,
            ["PGPASSWORD"] = builder.Password ?? string.Empty,
        };
        var (code, output, error) = await ExternalTool.RunAsync(
            "psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", .. arguments], stdin, workingDirectory: scripts, environment: environment);
        if (code != 0)
        {
            throw new InvalidOperationException($"psql {string.Join(' ', arguments)} failed ({code}): {output}{error}");
        }
    }
}
