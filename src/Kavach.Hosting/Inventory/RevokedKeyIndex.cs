using Kavach.Keys.Audit;
using Kavach.Keys.Inventory;
using Kavach.Storage.Audit;

namespace Kavach.Hosting.Inventory;

/// <summary>
/// The aliases the audit trail records as revoked, for the key inventory. The trail is append-only, so each refresh
/// asks the database only for the revocation records after the head seen last time (a <c>LIKE</c> filter in SQL, not
/// a read of the trail). Safe for concurrent callers.
/// </summary>
public sealed class RevokedKeyIndex : IDisposable
{
    private readonly IAuditStore _audit;
    private readonly IAuditQueryStore _queries;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly HashSet<string> _revoked = new(StringComparer.Ordinal);
    private long _seen;
    private string[] _snapshot = [];

    /// <summary>Creates the index over the store's audit trail.</summary>
    public RevokedKeyIndex(IAuditStore audit, IAuditQueryStore queries)
    {
        _audit = audit;
        _queries = queries;
    }

    /// <summary>Every alias revoked up to now.</summary>
    public async Task<IReadOnlyCollection<string>> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var head = await _audit.GetAuditHeadAsync(cancellationToken);
            if (head.Seq > _seen)
            {
                foreach (var detail in await _queries.ReadRevocationDetailsAsync(_seen, head.Seq, cancellationToken))
                {
                    _revoked.UnionWith(RevokedKeys.AliasesIn(detail));
                }

                _seen = head.Seq;
                _snapshot = [.. _revoked];
            }

            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}
