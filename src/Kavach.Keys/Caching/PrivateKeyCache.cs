using BitFaster.Caching;
using BitFaster.Caching.Lru;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Caching;

/// <summary>
/// Unwrapped database-held private keys, so that a decrypt or sign costs one private-key operation instead of two
/// (unwrapping the key with the master is the other). Bounded (BitFaster's pseudo-LRU); evicted, dropped and revoked
/// keys are disposed (OpenSSL clears their memory) once the last request using them lets go of its lease. While the
/// <see cref="VaultHealthGate"/> is closed no key is handed out (the vault that unwrapped them is gone: fail closed),
/// and closing it empties the cache.
/// </summary>
public sealed class PrivateKeyCache : IKeyRevocationListener, IDisposable
{
    // BitFaster's LRU splits its capacity into hot, warm and cold queues of at least one key each.
    private const int MinimumCapacity = 3;

    private readonly ConcurrentLru<string, Scoped<StoredPrivateKey>> _keys;
    private readonly StoredKeyLoader _loader;
    private readonly VaultHealthGate _gate;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> keys (3 at least) that serves keys only while <paramref name="gate"/> is open.</summary>
    public PrivateKeyCache(StoredKeyLoader loader, VaultHealthGate gate, int capacity = 10_000)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _loader = loader;
        _gate = gate;
        _keys = new ConcurrentLru<string, Scoped<StoredPrivateKey>>(Environment.ProcessorCount, Math.Max(capacity, MinimumCapacity), StringComparer.Ordinal);
        gate.Closed += Dispose;
    }

    /// <summary>Number of cached keys.</summary>
    public int Count => _keys.Count;

    /// <summary>
    /// A lease on the private key of <paramref name="alias"/>; dispose the lease when done (the key stays cached).
    /// Loads, checks and caches the key on a miss.
    /// </summary>
    /// <exception cref="KeyVaultUnavailableException">The vault was last seen unavailable.</exception>
    public async Task<Result<PrivateKeyLease>> AcquireAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alias);
        _gate.ThrowIfClosed();
        var id = alias.Id;

        // A key evicted between the lookup and the lease refuses the lease: load it again.
        if (_keys.TryGet(id, out var cached) && cached.TryCreateLifetime(out var lifetime))
        {
            return new PrivateKeyLease(lifetime);
        }

        var loaded = await _loader.LoadAsync(alias, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        // The lease is taken before the key is published, so an eviction or drop right after cannot dispose it under
        // this request; if another request cached the key first, this one uses its own copy once and lets it go.
        var scoped = new Scoped<StoredPrivateKey>(loaded.Value);
        var lease = new PrivateKeyLease(scoped.CreateLifetime());
        var winner = _keys.GetOrAdd(id, static (_, mine) => mine, scoped);
        if (!ReferenceEquals(winner, scoped))
        {
            scoped.Dispose();
        }
        else if (!_gate.IsOpen)
        {
            // The vault went away while this key was being loaded: serve this request, keep nothing.
            _keys.TryRemove(new KeyValuePair<string, Scoped<StoredPrivateKey>>(id, scoped));
        }

        return lease;
    }

    /// <summary>Drops the key of <paramref name="aliasId"/> at once (revocation, certificate change).</summary>
    public void Drop(string aliasId) => _keys.TryRemove(aliasId);

    /// <inheritdoc />
    void IKeyRevocationListener.KeyRevoked(string aliasId) => Drop(aliasId);

    /// <summary>Drops every cached key (also when the vault becomes unavailable).</summary>
    public void Dispose() => _keys.Clear();
}
