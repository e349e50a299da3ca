using System.Text.Json.Nodes;
using Kavach.Keys.Audit;
using Kavach.Server.Tests.Audit;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Console;

/// <summary><c>/audit/records</c>, <c>/audit/verify</c>, <c>/audit/export</c> and the <c>X-Kavach-Reason</c> header.</summary>
public sealed class ConsoleAuditTests : IClassFixture<ConsoleFixture>
{
    private readonly ConsoleFixture _fixture;

    public ConsoleAuditTests(ConsoleFixture fixture) => _fixture = fixture;

    private TestServer Server => _fixture.Server;

    [Fact]
    public async Task The_reason_header_lands_in_the_audit_record_escaped_and_never_in_the_log()
    {
        var canary = "canary" + Guid.NewGuid().ToString("N")[..12];
        var reference = "reason-" + Guid.NewGuid().ToString("N")[..8];
        await AuditTestSupport.EncryptAsync(Server, "REGISTRATION", reference, [7]);

        // A quote, a backslash, a control character and spaces: it must stay one pair and forge no other.
        var reason = $"rotating {canary} \"x\" revoked=forged-alias \\ end\u0001" + new string('z', 300);
        var (status, _) = await ConsoleFixture.SendAsync(Server.Client, HttpMethod.Put, "/v1/keymanager/revokeKey", new { applicationId = "REGISTRATION", referenceId = reference }, reason);
        Assert.Equal(200, status);

        var records = await AuditTestSupport.RecordsAsync(Server);
        var revoke = records.Last(r => r.Entry.Operation == "key.revoke" && r.Entry.RefId == reference && r.Entry.Outcome == AuditOutcomes.Success);
        var detail = revoke.Entry.Detail!;
        var pair = detail[detail.IndexOf("reason=\"", StringComparison.Ordinal)..];
        Assert.StartsWith($"reason=\"rotating_{canary}_\\\"x\\\"_revoked=forged-alias_\\\\_endzzz", pair, StringComparison.Ordinal);
        Assert.EndsWith("\"", pair, StringComparison.Ordinal);
        Assert.Equal(200, pair.Count(c => c == 'z') + "rotating_".Length + canary.Length + "_\"x\"_revoked=forged-alias_\\_end".Length);
        Assert.DoesNotContain('\u0001', detail);

        // The space-separated pairs of the detail: one reason pair, and the forged alias is not a revocation.
        Assert.DoesNotContain(detail.Split(' '), part => part.StartsWith("revoked=forged", StringComparison.Ordinal));
        Assert.DoesNotContain("forged-alias", Kavach.Keys.Inventory.RevokedKeys.AliasesIn(detail));
        Assert.Single(detail.Split(' '), part => part.StartsWith("reason=\"", StringComparison.Ordinal));

        // The ATTEMPT record carries it too; the application log never does.
        Assert.Contains(records, r => r.Entry.Operation == "key.revoke" && r.Entry.RefId == reference && r.Entry.Outcome == AuditOutcomes.Attempt && r.Entry.Detail!.Contains(canary, StringComparison.Ordinal));
        Assert.Contains("Kavach", _fixture.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, _fixture.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_are_searched_and_paged_by_seq_and_export_and_verify_match_the_command_line()
    {
        await AuditTestSupport.WaitForStartupAsync(Server);
        var (status, body) = await Server.GetAsync("/v1/keymanager/audit/records?operation=key.generate&actor=SYSTEM&limit=2");
        Assert.Equal(200, status);
        var first = body.Response()["records"]!.AsArray();
        Assert.Equal(2, first.Count);
        Assert.All(first, r => Assert.Equal(("key.generate", "SYSTEM"), (r!["operation"]!.GetValue<string>(), r["actor"]!.GetValue<string>())));
        var next = body.Response()["next"]!.GetValue<long>();
        Assert.Equal(first[1]!["seq"]!.GetValue<long>(), next);
        (_, body) = await Server.GetAsync($"/v1/keymanager/audit/records?operation=key.generate&actor=SYSTEM&limit=2&afterSeq={next}");
        Assert.True(body.Response()["records"]!.AsArray()[0]!["seq"]!.GetValue<long>() > next);

        var stored = await AuditTestSupport.RecordsAsync(Server);
        var one = stored[2];
        (_, body) = await Server.GetAsync($"/v1/keymanager/audit/records?afterSeq={one.Seq - 1}&limit=1");
        var record = Assert.Single(body.Response()["records"]!.AsArray())!;
        Assert.Equal((one.Seq, one.Hash, one.Entry.Operation), (record["seq"]!.GetValue<long>(), record["hash"]!.GetValue<string>(), record["operation"]!.GetValue<string>()));

        // Export: the same lines as `kavach audit export`, as NDJSON.
        using var response = await Server.Client.GetAsync(new Uri("/v1/keymanager/audit/export?fromSeq=1&toSeq=5", UriKind.Relative));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var records = lines.Select(line => JsonNode.Parse(line)!).Where(node => node["type"]!.GetValue<string>() == "record").ToList();
        Assert.Equal([1L, 2L, 3L, 4L, 5L], records.Select(r => r["seq"]!.GetValue<long>()));
        var (code, cliOut, cliErr) = await AuditTestSupport.CliAsync("audit", "export", "--from", "1", "--to", "5", "--data-dir", Server.DataDirectory);
        Assert.True(code == 0, cliErr);
        Assert.Equal(cliOut.Split('\n', StringSplitOptions.RemoveEmptyEntries), lines);

        // Verify: as `kavach audit verify`.
        (status, body) = await Server.PostAsync("/v1/keymanager/audit/verify", new { });
        Assert.Equal(200, status);
        var result = body.Response();
        Assert.True(result["ok"]!.GetValue<bool>(), body.ToJsonString());
        Assert.True(result["recordsChecked"]!.GetValue<long>() >= 5);
        Assert.True(result["checkpointsChecked"]!.GetValue<int>() >= 1);
        Assert.Null(result["firstBadSeq"]);
        Assert.Null(result["problem"]);
    }

    [Fact]
    public async Task An_auditor_reads_the_audit_but_not_the_key_inventory()
    {
        using var auditor = await _fixture.ClientAsync("auditor-1", "AUDITOR");
        var (status, _) = await ConsoleFixture.GetAsync(auditor, "/v1/keymanager/audit/records?limit=1");
        Assert.Equal(200, status);
        (status, var body) = await ConsoleFixture.GetAsync(auditor, "/v1/keymanager/keys");
        Assert.Equal(403, status);
        Assert.Equal("KER-ATH-403", body.ErrorCode());
    }
}
