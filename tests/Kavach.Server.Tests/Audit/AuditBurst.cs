using System.Diagnostics;
using Kavach.Keys.Audit;
using Xunit.Abstractions;

namespace Kavach.Server.Tests.Audit;

/// <summary>Concurrent appends from several audit trails (runtimes standing for server replicas) and the checks after.</summary>
internal static class AuditBurst
{
    /// <summary>Appends <paramref name="count"/> entries spread over <paramref name="trails"/>, all at once; checks the chain.</summary>
    public static async Task RunAsync(IReadOnlyList<AuditTrail> trails, int count, ITestOutputHelper output)
    {
        var store = trails[0].Store;
        var before = await store.GetAuditHeadAsync(CancellationToken.None);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var watch = Stopwatch.StartNew();
        var appended = await Task.WhenAll(Enumerable.Range(0, count).Select(i => trails[i % trails.Count].AppendAsync(
            new AuditEntry { Time = DateTime.UnixEpoch, Actor = "burst", Operation = "test.burst", Outcome = AuditOutcomes.Success, Detail = $"{tag}={i}" },
            CancellationToken.None)));
        var appendTime = watch.Elapsed;
        output.WriteLine($"{count} concurrent appends over {trails.Count} runtimes: {appendTime.TotalMilliseconds:F0} ms ({count / appendTime.TotalSeconds:F0}/s)");

        Assert.Equal(count, appended.Select(r => r.Seq).Distinct().Count());
        var records = await store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Seq));
        var ours = records.Where(r => r.Entry.Detail?.StartsWith(tag + "=", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(count, ours.Count);
        Assert.Equal(count, ours.Select(r => r.Entry.Detail).Distinct().Count());
        Assert.True(records[^1].Seq >= before.Seq + count);

        watch.Restart();
        var result = await trails[0].Verifier.VerifyAsync(CancellationToken.None);
        output.WriteLine($"verify of {result.Records} records and {result.Checkpoints} checkpoints: {watch.ElapsedMilliseconds} ms");
        Assert.True(result.IsValid, result.Problem);
        Assert.True(result.Checkpoints >= 1, "no count-based checkpoint was made");
    }
}
