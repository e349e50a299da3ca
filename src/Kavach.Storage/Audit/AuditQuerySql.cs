using System.Globalization;
using System.Text;

namespace Kavach.Storage.Audit;

/// <summary>
/// The audit trail's searches and aggregations for both dialects (they differ only in the table prefix). The filters
/// present decide the statement; every value is a parameter. The time filters use <c>idx_audlog_time</c> (migration 0014).
/// </summary>
internal sealed class AuditQuerySql
{
    private readonly string _prefix;

    internal AuditQuerySql(string tablePrefix)
    {
        _prefix = tablePrefix;
        SelectRevocations =
            $"SELECT detail FROM {tablePrefix}audit_log WHERE seq_no > @after AND seq_no <= @to AND detail LIKE '%revoked=%' ORDER BY seq_no";
        SelectSeqRange = $"SELECT MIN(seq_no), MAX(seq_no) FROM {tablePrefix}audit_log WHERE event_dtimes >= @from AND event_dtimes < @to";
    }

    internal string SelectRevocations { get; }

    internal string SelectSeqRange { get; }

    /// <summary>The operation parameter of index <paramref name="index"/>.</summary>
    internal static string OperationParameter(int index) => "@op" + index.ToString(CultureInfo.InvariantCulture);

    internal string SearchRecords(AuditRecordQuery query)
    {
        var where = new List<string> { "seq_no > @after" };
        Add(where, query.From is not null, "event_dtimes >= @from");
        Add(where, query.To is not null, "event_dtimes < @to");
        Add(where, query.Actor is not null, "actor = @actor");
        Add(where, query.Operation is not null, "operation = @operation");
        Add(where, query.AppId is not null, "app_id = @app_id");
        Add(where, query.Outcome is not null, "outcome = @outcome");
        return $"SELECT {AuditSql.RecordColumns} FROM {_prefix}audit_log WHERE {string.Join(" AND ", where)} ORDER BY seq_no LIMIT @limit";
    }

    internal string CountKeyUsage(KeyUsageQuery query)
    {
        var operations = new StringBuilder();
        for (var i = 0; i < query.Operations.Count; i++)
        {
            operations.Append(i == 0 ? string.Empty : ", ").Append(OperationParameter(i));
        }

        var where = new List<string> { "event_dtimes >= @from", "event_dtimes < @to", "outcome <> 'ATTEMPT'" };
        where.Add(query.Operations.Count == 0 ? "1 = 0" : $"operation IN ({operations})");
        Add(where, query.AppId is not null, "app_id = @app_id");
        Add(where, query.RefId is not null, "ref_id = @ref_id");
        Add(where, query.Actor is not null, "actor = @actor");
        return
            $"""
            SELECT app_id, ref_id, key_ref, actor, operation, COUNT(*), SUM(CASE WHEN outcome = 'OK' THEN 0 ELSE 1 END), MAX(event_dtimes)
            FROM {_prefix}audit_log
            WHERE {string.Join(" AND ", where)}
            GROUP BY app_id, ref_id, key_ref, actor, operation
            ORDER BY COUNT(*) DESC, MAX(event_dtimes) DESC
            LIMIT @limit
            """;
    }

    private static void Add(List<string> where, bool present, string condition)
    {
        if (present)
        {
            where.Add(condition);
        }
    }
}
