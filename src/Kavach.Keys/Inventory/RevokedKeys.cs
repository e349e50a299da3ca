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

    /// <summary>Reads the records appended since the last refresh; returns every revoked alias so far.</summary>
    public async Task<IReadOnlySet<string>> RefreshAsync(IAuditStore store, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await store.ReadAuditRecordsAsync(_next, long.MaxValue, PageSize, cancellationToken);
            foreach (var record in page)
            {
                if (record.Entry.Detail is { } detail && detail.Contains(RevokedPrefix, StringComparison.Ordinal))
                {
                    foreach (var pair in detail.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (pair.StartsWith(RevokedPrefix, StringComparison.Ordinal))
                        {
                            _revoked.Add(pair[RevokedPrefix.Length..]);
                        }
                    }
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
