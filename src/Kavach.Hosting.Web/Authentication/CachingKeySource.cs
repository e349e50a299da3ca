namespace Kavach.Hosting.Web.Authentication;

/// <summary>
/// Verification keys fetched on demand and kept for <c>ttl</c>; a token with an unknown <c>kid</c> may force a refetch
/// at most once per <c>minimumRefresh</c>, so a flood of forged key ids costs one fetch, not one per request. One fetch
/// runs at a time. When a fetch fails the last good keys stay in use.
/// </summary>
internal abstract class CachingKeySource : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;
    private readonly TimeSpan _minimumRefresh;
    private volatile Snapshot? _snapshot;
    private DateTimeOffset? _lastAttempt;

    protected CachingKeySource(TimeProvider time, TimeSpan ttl, TimeSpan minimumRefresh)
    {
        _time = time;
        _ttl = ttl;
        _minimumRefresh = minimumRefresh;
    }

    /// <summary>True for the embedded issuer (its keys need the key manager to be ready).</summary>
    public abstract bool IsLocal { get; }

    /// <summary>The keys, fetching when stale or when <paramref name="refresh"/> asks and the throttle allows.</summary>
    public async ValueTask<IssuerKeys> GetKeysAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!CanFetch)
        {
            return IssuerKeys.Unavailable;
        }

        var snapshot = _snapshot;
        var now = _time.GetUtcNow();
        if (snapshot is not null && now - snapshot.FetchedAt < _ttl && (!refresh || now - snapshot.FetchedAt < _minimumRefresh))
        {
            return snapshot.Keys;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have fetched while this one waited.
            var current = _snapshot;
            if (current is not null && !ReferenceEquals(current, snapshot))
            {
                return current.Keys;
            }

            if (_lastAttempt is { } last && now - last < _minimumRefresh)
            {
                return current?.Keys ?? IssuerKeys.Unavailable;
            }

            _lastAttempt = now;
            var fetched = await FetchAsync(cancellationToken);
            if (fetched is null)
            {
                return current?.Keys ?? IssuerKeys.Unavailable;
            }

            _snapshot = new Snapshot(fetched, _time.GetUtcNow());
            return fetched;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>False while keys cannot be fetched at all (the local issuer before the key store is open).</summary>
    protected virtual bool CanFetch => true;

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Fetches the keys; null when they cannot be had now (the reason is logged by the implementation).</summary>
    protected abstract Task<IssuerKeys?> FetchAsync(CancellationToken cancellationToken);

    /// <summary>Releases the gate.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
    }

    private sealed record Snapshot(IssuerKeys Keys, DateTimeOffset FetchedAt);
}
