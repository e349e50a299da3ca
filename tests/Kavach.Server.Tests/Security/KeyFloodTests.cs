using Kavach.Server.Tests.Audit;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// Issue 12: one RESIDENT token made 160 permanent RSA keys in 20 s through getCertificate with new reference ids. With
/// the creation limits (here 5 a minute, 8 in all) the flood stops at the limit, nothing more is made, the refusals are
/// audited, and other callers keep creating their own keys.
/// </summary>
public sealed class KeyFloodTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private Kavach.Testing.TempDirectory? _directory;

    public async Task InitializeAsync()
    {
        _server = await StartAsync();
        await AuditTestSupport.WaitForStartupAsync(_server);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _directory?.Dispose();
    }

    [Fact]
    public async Task Key_flood_through_getCertificate_is_bounded_per_caller_and_application()
    {
        var flooder = await _server.IssueTokenAsync("resident-flooder", ["RESIDENT"]);
        var references = Enumerable.Range(0, 20).Select(i => $"flood-{i:D3}").ToList();

        var statuses = new List<(int Status, string? Code)>();
        foreach (var reference in references)
        {
            var (status, body) = await GetAsync(flooder, reference);
            statuses.Add((status, status == 200 ? null : body.ErrorCode()));
        }

        Assert.All(statuses.Take(5), s => Assert.Equal((200, (string?)null), s));
        Assert.All(statuses.Skip(5), s => Assert.Equal((429, (string?)"KER-KMS-052"), s));
        Assert.Equal(5, await KeysMadeAsync(references));
        Assert.Equal(5, await _server.Runtime.Store.CountBaseKeysCreatedByAsync("RESIDENT", "resident-flooder", CancellationToken.None));

        // Another caller of the same application is not affected.
        var neighbour = await _server.IssueTokenAsync("resident-neighbour", ["RESIDENT"]);
        Assert.Equal(200, (await GetAsync(neighbour, "neighbour-1")).Status);

        // A minute later the bucket is full again, but the total (8, counted in the database) stops the flood for good.
        _server.Time.Advance(TimeSpan.FromMinutes(1));
        var later = new List<(int Status, string? Code)>();
        foreach (var reference in references.Skip(5).Take(6))
        {
            var (status, body) = await GetAsync(flooder, reference);
            later.Add((status, status == 200 ? null : body.ErrorCode()));
        }

        Assert.All(later.Take(3), s => Assert.Equal((200, (string?)null), s));
        Assert.All(later.Skip(3), s => Assert.Equal((403, (string?)"KER-KMS-053"), s));
        Assert.Equal(8, await KeysMadeAsync(references));

        // Every refusal is in the audit trail under the flooder's name, and every key made has its key.generate record.
        var records = (await AuditTestSupport.RecordsAsync(_server)).Select(r => r.Entry).Where(e => e.Actor == "resident-flooder").ToList();
        Assert.Equal(15, records.Count(e => e.Operation == "key.get-certificate" && e.Outcome == "KER-KMS-052"));
        Assert.Equal(3, records.Count(e => e.Operation == "key.get-certificate" && e.Outcome == "KER-KMS-053"));
        Assert.Equal(8, records.Count(e => e.Operation == "key.generate" && e.AppId == "RESIDENT"));
    }

    [Fact]
    public async Task The_total_holds_across_a_restart()
    {
        var directory = _directory = new Kavach.Testing.TempDirectory("kavach-flood-restart");
        var time = new Kavach.Testing.RunningClock();
        await _server.DisposeAsync();
        _server = await StartAsync(directory.Path, time);
        var token = await _server.IssueTokenAsync("resident-restart", ["RESIDENT"]);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await GetAsync(token, $"restart-{i}")).Status);
        }

        await _server.DisposeAsync();
        time.Advance(TimeSpan.FromMinutes(10));
        _server = await StartAsync(directory.Path, time);
        Assert.Equal(5, await _server.Runtime.Store.CountBaseKeysCreatedByAsync("RESIDENT", "resident-restart", CancellationToken.None));
        token = await _server.IssueTokenAsync("resident-restart", ["RESIDENT"]);
        var statuses = new List<int>();
        for (var i = 5; i < 10; i++)
        {
            statuses.Add((await GetAsync(token, $"restart-{i}")).Status);
        }

        Assert.Equal([200, 200, 200, 403, 403], statuses);
        Assert.Equal(8, await _server.Runtime.Store.CountBaseKeysCreatedByAsync("RESIDENT", "resident-restart", CancellationToken.None));
    }

    private static Task<TestServer> StartAsync(string? directory = null, Kavach.Testing.RunningClock? time = null) =>
        TestServer.StartAsync(directory, time, bindAdministrator: false, extraArgs:
        [
            .. SecurityArgs.HighRateLimits,
            "--Kavach:Security:KeyCreation:PerMinute=5",
            "--Kavach:Security:KeyCreation:Total=8",
        ]);

    private Task<(int Status, System.Text.Json.Nodes.JsonNode Body)> GetAsync(string token, string reference) =>
        ApplicationBindingTests.Send(_server, token, HttpMethod.Get, $"/v1/keymanager/getCertificate?applicationId=RESIDENT&referenceId={reference}", null);

    private async Task<int> KeysMadeAsync(IEnumerable<string> references)
    {
        var count = 0;
        foreach (var reference in references)
        {
            count += (await _server.Runtime.Store.GetAliasesAsync("RESIDENT", reference, CancellationToken.None)).Count;
        }

        return count;
    }
}
