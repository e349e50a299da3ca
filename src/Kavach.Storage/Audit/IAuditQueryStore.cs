using Kavach.Keys.Audit;

namespace Kavach.Storage.Audit;

/// <summary>
/// Searches and aggregations over the audit trail, computed by the database (operator console, key inventory): the
/// trail can hold millions of records, so no caller reads it whole to answer a question about a time window.
/// </summary>
public interface IAuditQueryStore
{
    /// <summary>Records matching <paramref name="query"/>, by ascending seq, at most <see cref="AuditRecordQuery.Limit"/>.</summary>
    Task<IReadOnlyList<AuditRecord>> SearchAuditRecordsAsync(AuditRecordQuery query, CancellationToken cancellationToken);

    /// <summary>Key use by (application, reference, key, actor, operation) in a time window (<c>GROUP BY</c>, most used first).</summary>
    Task<IReadOnlyList<KeyUsageCount>> CountKeyUsageAsync(KeyUsageQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The details of the records with <paramref name="afterSeq"/> &lt; seq ≤ <paramref name="toSeq"/> that name a
    /// revoked key (<c>revoked=</c>), by seq.
    /// </summary>
    Task<IReadOnlyList<string>> ReadRevocationDetailsAsync(long afterSeq, long toSeq, CancellationToken cancellationToken);

    /// <summary>The first and last seq of the records in [<paramref name="from"/>, <paramref name="to"/>), or null when there are none.</summary>
    Task<(long First, long Last)?> FindAuditSeqRangeAsync(DateTime from, DateTime to, CancellationToken cancellationToken);
}
