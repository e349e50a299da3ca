using System.Collections.Frozen;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Policy;

/// <summary>
/// The key policies, read from the store and kept for a short time. Policies change rarely (an operator edits
/// <c>key_policy_def</c>); unlike MOSIP, which caches them until restart, changes are seen within
/// <see cref="RefreshInterval"/>, on every replica.
/// </summary>
public sealed class KeyPolicyCatalog
{
    /// <summary>How long a loaded set of policies is used before the store is asked again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private readonly IKeyStore _store;
    private readonly TimeProvider _time;
    private volatile Snapshot? _snapshot;

    /// <summary>Creates the catalog over <paramref name="store"/>.</summary>
    public KeyPolicyCatalog(IKeyStore store, TimeProvider time)
    {
        _store = store;
        _time = time;
    }

    /// <summary>The policies by application id, loading them if needed.</summary>
    public async ValueTask<FrozenDictionary<string, KeyPolicy>> GetAllAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var now = _time.GetUtcNow();
        if (snapshot is not null && now - snapshot.LoadedAt < RefreshInterval)
        {
            return snapshot.Policies;
        }

        var rows = await _store.GetPoliciesAsync(cancellationToken);
        var policies = rows.ToFrozenDictionary(p => p.AppId, StringComparer.Ordinal);
        _snapshot = new Snapshot(policies, now);
        return policies;
    }

    /// <summary>The policy of <paramref name="appId"/>, or null.</summary>
    public async ValueTask<KeyPolicy?> FindAsync(string appId, CancellationToken cancellationToken) =>
        (await GetAllAsync(cancellationToken)).GetValueOrDefault(appId);

    /// <summary>Forgets the loaded policies so the next call reads the store.</summary>
    public void Invalidate() => _snapshot = null;

    private sealed record Snapshot(FrozenDictionary<string, KeyPolicy> Policies, DateTimeOffset LoadedAt);
}
