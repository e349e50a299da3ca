using System.Diagnostics;
using Kavach.Keys.Storage;

namespace Kavach.Storage.Tests;

/// <summary>The scan behind the metrics' key inventory, and the trace span around a statement.</summary>
public abstract partial class KeyStoreContractTests
{
    [Fact]
    public async Task All_aliases_are_read_in_one_scan()
    {
        var appId = NewAppId();
        var master = NewAlias(appId, "", Utc(2025, 1, 1));
        var baseKey = NewAlias(appId, "REF", Utc(2025, 1, 2));
        await InsertCommittedAsync(master);
        await InsertCommittedAsync(baseKey);

        var all = await ((IKavachStore)Store).GetAllAliasesAsync(Ct);

        Assert.Equal([master, baseKey], all.Where(a => a.AppId == appId).OrderBy(a => a.GeneratedAt));
    }

    [Fact]
    public async Task A_statement_runs_in_a_store_query_span_that_names_only_the_database_system()
    {
        using var test = new ActivitySource("Kavach.Storage.Tests.Span");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is StoreActivities.SourceName or "Kavach.Storage.Tests.Span",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var appId = NewAppId();

        using (var root = test.StartActivity("root"))
        {
            Assert.NotNull(root);
            await Store.GetAliasesAsync(appId, "REF", Ct);
            List<Activity> mine;
            lock (spans)
            {
                mine = spans.Where(s => s.ParentSpanId == root.SpanId).ToList();
            }

            var query = Assert.Single(mine);
            Assert.Equal("store.query", query.OperationName);
            Assert.Contains((string?)query.GetTagItem("db.system"), new[] { "sqlite", "postgresql" });
            Assert.DoesNotContain(query.TagObjects, tag => tag.Value?.ToString()?.Contains(appId, StringComparison.Ordinal) == true);
        }
    }
}
