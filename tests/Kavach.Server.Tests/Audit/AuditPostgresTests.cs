using System.Net;
using Kavach.Keys.Audit;
using Kavach.Server.Tests.PostgreSql;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;
using Kavach.Hosting.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Audit;

/// <summary>The audit trail on PostgreSQL: recording, two runtimes (replicas) appending at once, and tamper detection.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditPostgresTests(PostgresServer postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Records_bursts_from_two_replicas_and_finds_tampering()
    {
        var connection = await postgres.DatabaseForAsync(nameof(AuditPostgresTests));
        await using var server = await TestServer.StartAsync(postgresConnection: connection);
        var envelope = await AuditTestSupport.EncryptAsync(server, "REGISTRATION", "pg-audit", [7, 8, 9]);
        Assert.Equal(200, (await AuditTestSupport.DecryptAsync(server, "REGISTRATION", "pg-audit", envelope)).Status);
        using (var anonymous = new HttpClient { BaseAddress = server.Client.BaseAddress })
        {
            using var denied = await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=REGISTRATION", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        await using var replica = KavachServices.Create(server.Runtime.Options, server.Time);
        await AuditBurst.RunAsync([server.Runtime.Audit, replica.GetRequiredService<AuditTrail>()], 10_000, output);
        var records = await AuditTestSupport.RecordsAsync(server);
        Assert.Contains(records, r => r.Entry.Operation == "crypto.decrypt" && r.Entry.Outcome == AuditOutcomes.Success);
        Assert.Contains(records, r => r.Entry.Outcome == "KER-ATH-401");

        var verifier = server.Runtime.Audit.Verifier;
        var checkpoint = (await ((IAuditStore)server.Runtime.Store).ReadAuditCheckpointsAsync(long.MinValue, long.MaxValue, CancellationToken.None))[^1];
        var edited = records[records.Count / 2];
        await SqlAsync(connection, $"UPDATE keymgr.audit_log SET actor = 'mallory' WHERE seq_no = {edited.Seq}");
        await AssertFirstBadAsync(verifier, edited.Seq, "edited");
        await SqlAsync(connection, $"UPDATE keymgr.audit_log SET actor = '{edited.Entry.Actor}' WHERE seq_no = {edited.Seq}");

        var deleted = records[records.Count / 3];
        await SqlAsync(connection, $"CREATE TABLE keymgr.audit_backup AS SELECT * FROM keymgr.audit_log WHERE seq_no = {deleted.Seq}; DELETE FROM keymgr.audit_log WHERE seq_no = {deleted.Seq}");
        await AssertFirstBadAsync(verifier, deleted.Seq, "missing");
        await SqlAsync(connection, "INSERT INTO keymgr.audit_log SELECT * FROM keymgr.audit_backup; DROP TABLE keymgr.audit_backup");

        await SqlAsync(connection, $"UPDATE keymgr.audit_checkpoint SET signature = 'AAAA' || signature WHERE seq_no = {checkpoint.Seq}");
        await AssertFirstBadAsync(verifier, checkpoint.Seq, "signature");
        await SqlAsync(connection, $"UPDATE keymgr.audit_checkpoint SET signature = '{checkpoint.Signature}' WHERE seq_no = {checkpoint.Seq}");

        var restored = await verifier.VerifyAsync(CancellationToken.None);
        Assert.True(restored.IsValid, restored.Problem);
        Assert.True(restored.AnchoredSeq > 0, "checkpoints are anchored outside the database");

        // Cut the tail with its checkpoints: the anchor outside the database still names the last anchored record.
        var anchored = restored.AnchoredSeq;
        await SqlAsync(connection, $"DELETE FROM keymgr.audit_log WHERE seq_no >= {anchored - 1}; DELETE FROM keymgr.audit_checkpoint WHERE seq_no >= {anchored - 1}");
        await AssertFirstBadAsync(verifier, anchored - 1, "were cut off");

        // The audit wipe: both tables emptied.
        await SqlAsync(connection, "DELETE FROM keymgr.audit_log; DELETE FROM keymgr.audit_checkpoint");
        await AssertFirstBadAsync(verifier, 1, "the log was emptied");
    }

    private static async Task AssertFirstBadAsync(AuditVerifier verifier, long seq, string problem)
    {
        var result = await verifier.VerifyAsync(CancellationToken.None);
        Assert.Equal(seq, result.FirstBadSeq);
        Assert.Contains(problem, result.Problem, StringComparison.Ordinal);
    }

    private static async Task SqlAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "ALTER TABLE keymgr.audit_log DISABLE TRIGGER USER; ALTER TABLE keymgr.audit_checkpoint DISABLE TRIGGER USER; " + sql +
            "; ALTER TABLE keymgr.audit_log ENABLE TRIGGER USER; ALTER TABLE keymgr.audit_checkpoint ENABLE TRIGGER USER",
            connection);
        await command.ExecuteNonQueryAsync();
    }
}
