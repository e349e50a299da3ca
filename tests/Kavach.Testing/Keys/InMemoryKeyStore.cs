using System.Collections.Concurrent;
using Kavach.Keys.Storage;
using Kavach.Keys.ZeroKnowledge;

namespace Kavach.Testing.Keys;

/// <summary>
/// An <see cref="IKeyStore"/> (and <see cref="IZkKeyPoolStore"/>) in memory, for direct tests of the key services. It
/// keeps the contract the SQL stores keep: <see cref="BeginWriteAsync"/> holds an exclusive lock per (appId, refId)
/// until commit or dispose, a scope's writes are seen only by that scope until it commits and are dropped when it is
/// disposed without commit, duplicate alias ids and unique identifiers are refused, timestamps keep microseconds.
/// Counters show how often each read reached the "database", so tests can see what a cache saved.
/// </summary>
public sealed partial class InMemoryKeyStore : IKeyStore, IZkKeyPoolStore
{
    private const string System = "SYSTEM";

    private readonly Lock _gate = new();
    private readonly List<Row> _aliases = [];
    private readonly Dictionary<string, StoredKey> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KeyPolicy> _policies = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, string> _pool = [];
    private readonly ConcurrentDictionary<(string AppId, string RefId), SemaphoreSlim> _pairLocks = new();
    private long _aliasReads;
    private long _thumbprintReads;
    private long _storedKeyReads;
    private long _policyReads;
    private long _poolReads;

    /// <summary>When false every call throws <see cref="InvalidOperationException"/> (a database that went away).</summary>
    public bool IsAvailable { get; set; } = true;

    /// <summary>Calls of <see cref="GetAliasesAsync"/> and <see cref="GetAliasAsync"/>.</summary>
    public long AliasReads => Interlocked.Read(ref _aliasReads);

    /// <summary>Calls of <see cref="FindAliasesByThumbprintAsync"/>.</summary>
    public long ThumbprintReads => Interlocked.Read(ref _thumbprintReads);

    /// <summary>Calls of <see cref="GetStoredKeyAsync"/> outside write scopes.</summary>
    public long StoredKeyReads => Interlocked.Read(ref _storedKeyReads);

    /// <summary>Calls of <see cref="GetPoliciesAsync"/>.</summary>
    public long PolicyReads => Interlocked.Read(ref _policyReads);

    /// <summary>Calls of <see cref="GetWrappedKeyAsync"/>.</summary>
    public long PoolReads => Interlocked.Read(ref _poolReads);

    /// <summary>Committed write scopes.</summary>
    public int Commits { get; private set; }

    /// <inheritdoc />
    public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(IsAvailable);

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyPolicy>> GetPoliciesAsync(CancellationToken cancellationToken)
    {
        EnsureAvailable();
        Interlocked.Increment(ref _policyReads);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<KeyPolicy>>([.. _policies.Values.OrderBy(p => p.AppId, StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc />
    public Task UpsertPolicyAsync(KeyPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        EnsureAvailable();
        lock (_gate)
        {
            _policies[policy.AppId] = policy;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> GetAliasesAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        Interlocked.Increment(ref _aliasReads);
        lock (_gate)
        {
            return Task.FromResult(Ordered(_aliases.Where(r => r.Alias.AppId == appId && r.Alias.RefId == refId)));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> GetAllAliasesAsync(CancellationToken cancellationToken)
    {
        EnsureAvailable();
        lock (_gate)
        {
            IReadOnlyList<KeyAlias> all = [.. _aliases.Select(r => r.Alias)
                .OrderBy(a => a.AppId, StringComparer.Ordinal).ThenBy(a => a.RefId, StringComparer.Ordinal)
                .ThenBy(a => a.GeneratedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
            return Task.FromResult(all);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> GetMasterAliasesAsync(CancellationToken cancellationToken)
    {
        EnsureAvailable();
        lock (_gate)
        {
            IReadOnlyList<KeyAlias> masters = [.. _aliases.Where(r => r.Alias.RefId.Length == 0).Select(r => r.Alias)
                .OrderBy(a => a.AppId, StringComparer.Ordinal).ThenBy(a => a.GeneratedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];
            return Task.FromResult(masters);
        }
    }

    /// <inheritdoc />
    public Task<KeyAlias?> GetAliasAsync(string id, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        Interlocked.Increment(ref _aliasReads);
        lock (_gate)
        {
            return Task.FromResult(_aliases.Find(r => r.Alias.Id == id)?.Alias);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<KeyAlias>> FindAliasesByThumbprintAsync(string thumbprintHex, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        Interlocked.Increment(ref _thumbprintReads);
        lock (_gate)
        {
            return Task.FromResult(Ordered(_aliases.Where(r => r.Alias.CertThumbprint == thumbprintHex)));
        }
    }

    /// <inheritdoc />
    public Task<StoredKey?> GetStoredKeyAsync(string id, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        Interlocked.Increment(ref _storedKeyReads);
        lock (_gate)
        {
            return Task.FromResult(_stored.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public Task<long> CountBaseKeysCreatedByAsync(string appId, string createdBy, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        lock (_gate)
        {
            return Task.FromResult((long)_aliases.Count(r => r.Alias.AppId == appId && r.Alias.RefId.Length > 0 && r.CreatedBy == createdBy));
        }
    }

    /// <inheritdoc />
    public async Task<IKeyStoreWriteScope> BeginWriteAsync(string appId, string refId, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        var pairLock = _pairLocks.GetOrAdd((appId, refId), static _ => new SemaphoreSlim(1, 1));
        await pairLock.WaitAsync(cancellationToken);
        return new WriteScope(this, appId, refId, pairLock);
    }

    /// <summary>Puts rows in directly, as a migration or another replica would (no lock, no scope).</summary>
    public void Seed(KeyAlias alias, StoredKey? stored = null, string createdBy = System)
    {
        ArgumentNullException.ThrowIfNull(alias);
        lock (_gate)
        {
            _aliases.Add(new Row(Truncate(alias), createdBy));
            if (stored is not null)
            {
                _stored[stored.Id] = stored;
            }
        }
    }

    /// <summary>Changes a committed row behind the services' back (an operator's edit, tampering, another replica).</summary>
    public void Edit(string aliasId, Func<KeyAlias, KeyAlias> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var index = _aliases.FindIndex(r => r.Alias.Id == aliasId);
            _aliases[index] = _aliases[index] with { Alias = Truncate(change(_aliases[index].Alias)) };
        }
    }

    /// <summary>Replaces a committed <c>key_store</c> row behind the services' back.</summary>
    public void EditStored(string id, Func<StoredKey, StoredKey> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            _stored[id] = change(_stored[id]);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> GetActiveKeyIdsAsync(CancellationToken cancellationToken)
    {
        EnsureAvailable();
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<long>>([.. _pool.Keys]);
        }
    }

    /// <inheritdoc />
    public Task<string?> GetWrappedKeyAsync(long id, CancellationToken cancellationToken)
    {
        EnsureAvailable();
        Interlocked.Increment(ref _poolReads);
        lock (_gate)
        {
            return Task.FromResult(_pool.GetValueOrDefault(id));
        }
    }

    /// <inheritdoc />
    public async Task<int> InsertKeysAsync(IReadOnlyList<(long Id, string WrappedKey)> keys, CancellationToken cancellationToken) =>
        (await InsertKeysAtAsync(keys, System, cancellationToken)).Count;

    /// <inheritdoc />
    public Task<IReadOnlyList<long>> InsertKeysAtAsync(IReadOnlyList<(long Id, string WrappedKey)> keys, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        EnsureAvailable();
        lock (_gate)
        {
            var inserted = new List<long>();
            foreach (var (id, wrapped) in keys)
            {
                if (_pool.TryAdd(id, wrapped))
                {
                    inserted.Add(id);
                }
            }

            return Task.FromResult<IReadOnlyList<long>>(inserted);
        }
    }

    private static IReadOnlyList<KeyAlias> Ordered(IEnumerable<Row> rows) =>
        [.. rows.Select(r => r.Alias).OrderBy(a => a.GeneratedAt).ThenBy(a => a.Id, StringComparer.Ordinal)];

    // The SQL stores keep microseconds.
    private static DateTime Truncate(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Utc);
    }

    private static KeyAlias Truncate(KeyAlias alias) =>
        alias with { GeneratedAt = Truncate(alias.GeneratedAt), ExpiresAt = Truncate(alias.ExpiresAt) };

    private void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("The in-memory key store is switched off (test).");
        }
    }

    private sealed record Row(KeyAlias Alias, string CreatedBy);
}
