using System.Collections.Concurrent;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Caching;

/// <summary>
/// Unwrapped database-held private keys, so that a decrypt or sign costs one private-key operation instead of two
/// (unwrapping the key with the master is the other). Bounded; the least recently used key is evicted; evicted and
/// dropped keys are disposed (OpenSSL clears their memory) once no request is using them. While the
/// <see cref="VaultHealthGate"/> is closed no key is handed out (the vault that unwrapped them is gone: fail closed),
/// and closing it empties the cache.
/// </summary>
public sealed class PrivateKeyCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly StoredKeyLoader _loader;
    private readonly int _capacity;
    private readonly VaultHealthGate _gate;
    private readonly object _evictionGate = new();
    private long _clock;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> keys that serves keys only while <paramref name="gate"/> is open.</summary>
    public PrivateKeyCache(StoredKeyLoader loader, VaultHealthGate gate, int capacity = 10_000)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _loader = loader;
        _gate = gate;
        _capacity = capacity;
        gate.Closed += Dispose;
    }

    /// <summary>Number of cached keys.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// A lease on the private key of <paramref name="alias"/>; dispose the lease when done (the key stays cached).
    /// Loads, checks and caches the key on a miss.
    /// </summary>
    /// <exception cref="KeyVaultUnavailableException">The vault was last seen unavailable.</exception>
    public async Task<Result<PrivateKeyLease>> AcquireAsync(KeyAlias alias, CancellationToken cancellationToken)
    {
        _gate.ThrowIfClosed();
        var id = alias.Id;
        if (_entries.TryGetValue(id, out var cached) && cached.TryAcquire(Interlocked.Increment(ref _clock)))
        {
            return new PrivateKeyLease(cached);
        }

        var loaded = await _loader.LoadAsync(alias, cancellationToken);
        if (!loaded.IsSuccess)
        {
            return loaded.Error;
        }

        var entry = new Entry(loaded.Value);
        entry.TryAcquire(Interlocked.Increment(ref _clock));
        var winner = _entries.AddOrUpdate(id, entry, (_, existing) => existing.IsRetired ? entry : existing);
        if (!ReferenceEquals(winner, entry))
        {
            // Another request cached it first: use ours for this call only.
            entry.Retire();
            return new PrivateKeyLease(entry);
        }

        if (!_gate.IsOpen)
        {
            // The vault went away while this key was being loaded: serve this request, keep nothing.
            Drop(id);
        }

        EvictIfFull();
        return new PrivateKeyLease(entry);
    }

    /// <summary>Drops the key of <paramref name="aliasId"/> at once (revocation, certificate change).</summary>
    public void Drop(string aliasId)
    {
        if (_entries.TryRemove(aliasId, out var entry))
        {
            entry.Retire();
        }
    }

    /// <summary>Drops every cached key (also when the vault becomes unavailable).</summary>
    public void Dispose()
    {
        foreach (var id in _entries.Keys)
        {
            Drop(id);
        }
    }

    private void EvictIfFull()
    {
        if (_entries.Count <= _capacity)
        {
            return;
        }

        lock (_evictionGate)
        {
            var excess = _entries.Count - _capacity;
            if (excess <= 0)
            {
                return;
            }

            foreach (var victim in _entries.OrderBy(e => e.Value.LastUsed).Take(excess).Select(e => e.Key).ToList())
            {
                Drop(victim);
            }
        }
    }

    /// <summary>A cached key with a count of requests using it.</summary>
    internal sealed class Entry
    {
        private int _users;
        private int _retired;
        private long _lastUsed;

        public Entry(StoredPrivateKey key) => Key = key;

        public StoredPrivateKey Key { get; }

        public long LastUsed => Interlocked.Read(ref _lastUsed);

        public bool IsRetired => Volatile.Read(ref _retired) == 1;

        public bool TryAcquire(long now)
        {
            while (true)
            {
                var users = Volatile.Read(ref _users);
                if (users < 0)
                {
                    return false; // disposed
                }

                if (Interlocked.CompareExchange(ref _users, users + 1, users) == users)
                {
                    Interlocked.Exchange(ref _lastUsed, now);
                    return true;
                }
            }
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _users) == 0 && IsRetired)
            {
                DisposeIfIdle();
            }
        }

        public void Retire()
        {
            Interlocked.Exchange(ref _retired, 1);
            DisposeIfIdle();
        }

        private void DisposeIfIdle()
        {
            // Only the transition 0 -> -1 disposes, so a key in use is never disposed under a request.
            if (Interlocked.CompareExchange(ref _users, -1, 0) == 0)
            {
                Key.Dispose();
            }
        }
    }
}
