using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;
using Kavach.Hosting.Composition;
using Kavach.Keys.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Audit;

/// <summary>Bursts of concurrent operations leave one valid chain without gaps (SQLite; PostgreSQL in <see cref="AuditPostgresTests"/>).</summary>
public sealed class AuditConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Ten_thousand_concurrent_appends_from_two_runtimes_make_one_chain_without_gaps()
    {
        await using var server = await TestServer.StartAsync();
        await using var second = KavachServices.Create(server.Runtime.Options, server.Time);
        await AuditBurst.RunAsync([server.Runtime.Audit, second.GetRequiredService<AuditTrail>()], 10_000, output);
    }

    [Fact]
    public async Task A_burst_of_concurrent_decrypts_over_HTTP_is_recorded_once_each()
    {
        await using var server = await TestServer.StartAsync(extraArgs: Security.Support.SecurityArgs.HighRateLimits);
        var envelope = await AuditTestSupport.EncryptAsync(server, "REGISTRATION", "burst", [4, 5, 6]);
        const int count = 1000;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => AuditTestSupport.DecryptAsync(server, "REGISTRATION", "burst", envelope)));
        output.WriteLine($"{count} concurrent audited decrypts over HTTP: {watch.ElapsedMilliseconds} ms");
        Assert.All(results, r => Assert.Equal(Base64Url.Encode([4, 5, 6]), r.Body.Field("data")));

        var records = await AuditTestSupport.RecordsAsync(server);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));
        var decrypts = records.Where(r => r.Entry.Operation == "crypto.decrypt").ToList();
        Assert.Equal(count, decrypts.Count);
        Assert.Equal(count, decrypts.Select(r => r.Entry.RequestId).Distinct().Count());
        var result = await server.Runtime.Audit.Verifier.VerifyAsync(CancellationToken.None);
        Assert.True(result.IsValid, result.Problem);
    }
}
