using System.Security.Cryptography;
using Kavach.Keys.Audit;
using Kavach.Storage.Audit;

namespace Kavach.Storage.Tests.Audit;

/// <summary>Searches and aggregations over the audit trail (<see cref="IAuditQueryStore"/>), computed by the database.</summary>
public abstract partial class AuditStoreContractTests
{
    [Fact]
    public async Task Key_usage_is_aggregated_by_actor_and_operation_in_a_time_window()
    {
        var store = (IAuditStore)Stores[0];
        var queries = (IAuditQueryStore)Stores[0];
        var app = "U" + RandomNumberGenerator.GetHexString(10);
        var t0 = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        AuditEntry Use(string actor, string operation, string outcome, int minutes) => new()
        {
            Time = t0.AddMinutes(minutes), Actor = actor, Operation = operation, Outcome = outcome, AppId = app, RefId = "R", KeyRef = "alias:k1",
        };

        var writer = Writer(store);
        foreach (var entry in new[]
            {
                Use("regproc", "crypto.decrypt", AuditOutcomes.Success, 1),
                Use("regproc", "crypto.decrypt", AuditOutcomes.Success, 2),
                Use("regproc", "crypto.decrypt", "KER-CRY-003", 3),
                Use("ida", "crypto.decrypt", AuditOutcomes.Success, 4),
                Use("admin", "key.revoke", AuditOutcomes.Attempt, 5),
                Use("admin", "key.revoke", AuditOutcomes.Success, 5),
                Use("regproc", "crypto.encrypt", AuditOutcomes.Success, 6),
                Use("regproc", "crypto.decrypt", AuditOutcomes.Success, 60 * 24 * 10),
            })
        {
            await writer.AppendAsync(entry);
        }

        var usage = await queries.CountKeyUsageAsync(
            new KeyUsageQuery(t0, t0.AddDays(1), ["crypto.decrypt", "key.revoke"], app, null, null, 100), Ct);
        Assert.Equal(
            [
                new KeyUsageCount(app, "R", "alias:k1", "regproc", "crypto.decrypt", 3, 1, t0.AddMinutes(3)),
                new KeyUsageCount(app, "R", "alias:k1", "admin", "key.revoke", 1, 0, t0.AddMinutes(5)),
                new KeyUsageCount(app, "R", "alias:k1", "ida", "crypto.decrypt", 1, 0, t0.AddMinutes(4)),
            ],
            usage.OrderByDescending(u => u.Count).ThenBy(u => u.Actor, StringComparer.Ordinal).ToList());

        var onlyIda = await queries.CountKeyUsageAsync(new KeyUsageQuery(t0, t0.AddDays(30), ["crypto.decrypt"], app, "R", "ida", 100), Ct);
        Assert.Equal(1, Assert.Single(onlyIda).Count);
        var later = await queries.CountKeyUsageAsync(new KeyUsageQuery(t0.AddDays(1), t0.AddDays(30), ["crypto.decrypt"], app, null, null, 100), Ct);
        Assert.Equal(("regproc", 1L), (Assert.Single(later).Actor, later[0].Count));
    }

    [Fact]
    public async Task Records_are_searched_by_filters_and_seq_and_time_ranges_and_revocations_found()
    {
        var store = (IAuditStore)Stores[0];
        var queries = (IAuditQueryStore)Stores[0];
        var actor = "searcher-" + RandomNumberGenerator.GetHexString(8);
        var t0 = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var writer = Writer(store);
        foreach (var entry in Enumerable.Range(0, 5).Select(i => new AuditEntry
            {
                Time = t0.AddHours(i), Actor = actor, Operation = i % 2 == 0 ? "key.revoke" : "crypto.decrypt", Outcome = AuditOutcomes.Success,
                AppId = "REGISTRATION", Detail = i % 2 == 0 ? $"rule=putrevokekey revoked=alias-{actor}-{i} reason=\"x_revoked=forged\"" : null,
            }))
        {
            await writer.AppendAsync(entry);
        }

        var all = await queries.SearchAuditRecordsAsync(new AuditRecordQuery(null, null, actor, null, null, null, 0, 100), Ct);
        Assert.Equal(5, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(pair => pair.First.Seq < pair.Second.Seq));
        var revokes = await queries.SearchAuditRecordsAsync(new AuditRecordQuery(t0.AddHours(1), t0.AddHours(4), actor, "key.revoke", "REGISTRATION", AuditOutcomes.Success, 0, 100), Ct);
        Assert.Equal([all[2].Seq], revokes.Select(r => r.Seq));
        var page = await queries.SearchAuditRecordsAsync(new AuditRecordQuery(null, null, actor, null, null, null, all[1].Seq, 2), Ct);
        Assert.Equal([all[2].Seq, all[3].Seq], page.Select(r => r.Seq));
        Assert.Equal(all[2].Hash, page[0].Hash);

        var range = await queries.FindAuditSeqRangeAsync(t0.AddHours(1), t0.AddHours(3), Ct);
        Assert.Equal((all[1].Seq, all[2].Seq), range);
        Assert.Null(await queries.FindAuditSeqRangeAsync(t0.AddYears(-5), t0.AddYears(-4), Ct));

        var details = await queries.ReadRevocationDetailsAsync(all[0].Seq - 1, all[^1].Seq, Ct);
        var revoked = details.SelectMany(Kavach.Keys.Inventory.RevokedKeys.AliasesIn).ToList();
        Assert.Equal([$"alias-{actor}-0", $"alias-{actor}-2", $"alias-{actor}-4"], revoked);
    }
}
