using System.Text;
using System.Text.Json.Nodes;
using Kavach.Cli;
using Kavach.Crypto;
using Kavach.Keys.Audit;
using Kavach.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Kavach.Server.Tests.Audit;

/// <summary>Helpers of the audit tests: the CLI, raw SQL behind the store's back, and a few audited requests.</summary>
internal static class AuditTestSupport
{
    public const string TimeStamp = "2025-01-01T10:00:00.000Z";

    /// <summary>Runs <c>kavach</c> in-process; returns exit code, standard output and standard error.</summary>
    public static async Task<(int Code, string Out, string Error)> CliAsync(params string[] args)
    {
        using var input = new MemoryStream();
        using var output = new MemoryStream();
        using var text = new StringWriter();
        using var error = new StringWriter();
        var code = await KavachCli.RunAsync(args, new CliConsole(input, output, text, error));
        return (code, text + Encoding.UTF8.GetString(output.ToArray()), error.ToString());
    }

    /// <summary>Waits until the start-up record and checkpoint exist (the hosted service makes them after the runtime opens).</summary>
    public static async Task WaitForStartupAsync(TestServer server)
    {
        var store = (IAuditStore)server.Runtime.Store;
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (await store.GetLastAuditCheckpointSeqAsync(CancellationToken.None) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The start-up checkpoint was not made.");
            await Task.Delay(100);
        }
    }

    /// <summary>Every record of the chain, by sequence number.</summary>
    public static async Task<IReadOnlyList<AuditRecord>> RecordsAsync(TestServer server)
    {
        var store = (IAuditStore)server.Runtime.Store;
        return await store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, CancellationToken.None);
    }

    /// <summary>Runs SQL on the SQLite file of <paramref name="dataDirectory"/> (the append-only triggers dropped first).</summary>
    public static async Task SqliteAsync(string dataDirectory, string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "kavach.db"), Pooling = false };
        await using var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "DROP TRIGGER IF EXISTS trg_audlog_no_update; DROP TRIGGER IF EXISTS trg_audlog_no_delete; " +
            "DROP TRIGGER IF EXISTS trg_audcp_no_update; DROP TRIGGER IF EXISTS trg_audcp_no_delete; " + sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Encrypts through the API; returns the envelope.</summary>
    public static async Task<string> EncryptAsync(TestServer server, string appId, string refId, byte[] plaintext)
    {
        var (_, body) = await server.PostAsync("/v1/keymanager/encrypt", new { applicationId = appId, referenceId = refId, timeStamp = TimeStamp, data = Base64Url.Encode(plaintext) });
        return body.Field("data");
    }

    /// <summary>Decrypts through the API; returns status and body.</summary>
    public static Task<(int Status, JsonNode Body)> DecryptAsync(TestServer server, string appId, string refId, string data) =>
        server.PostAsync("/v1/keymanager/decrypt", new { applicationId = appId, referenceId = refId, timeStamp = TimeStamp, data });
}
