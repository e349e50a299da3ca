using Kavach.Keys.Audit;

namespace Kavach.Keys.Inventory;

/// <summary>
/// The aliases the audit trail records as revoked (<c>revoked=&lt;alias&gt;</c> in a record's detail). The trail is
/// append-only, so each refresh reads only the records after the last one seen: a long-lived holder (the metrics'
/// key inventory) pays for each record once. Not thread-safe: one refresher at a time.
/// </summary>
public sealed class RevokedKeys
{
    private const int PageSize = 5000;
    private const string RevokedPrefix = "revoked=";

    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private long _next = 1;

    /// <summary>The aliases a record's detail names revoked (its <c>revoked=&lt;alias&gt;</c> pairs).</summary>
    public static IEnumerable<string> AliasesIn(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (!detail.Contains(RevokedPrefix, StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var pair in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith(RevokedPrefix, StringComparison.Ordinal))
            {
                yield return pair[RevokedPrefix.Length..];
            }
        }
    }

    /// <summary>Reads the records appended since the last refresh; returns every revoked alias so far.</summary>
    public async Task<IReadOnlySet<string>> RefreshAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await store.ReadAuditRecordsAsync(_next, long.MaxValue, PageSize, cancellationToken);
            foreach (var record in page)
            {
                if (record.Entry.Detail is { } detail)
                {
                    _revoked.UnionWith(AliasesIn(detail));
                }
            }

            if (page.Count == 0)
            {
                return _revoked;
            }

            _next = page[^1].Seq + 1;
            if (page.Count < PageSize || page[^1].Seq == long.MaxValue)
            {
                return _revoked;
            }
        }
    }
}
