using System.Security.Cryptography;
using BitFaster.Caching.Lru;
using Kavach.Keys.Errors;
using Kavach.Keys.Management;
using Kavach.Keys.Policy;
using Kavach.Keys.Storage;
using Kavach.Keys.Vault;

namespace Kavach.Keys.ZeroKnowledge;

/// <summary>
/// The pool of random AES-256 keys under the ZK master key (spec §7.1). Wrapped values are immutable and cached; the
/// unwrapped keys are not: each use unwraps inside the vault and the caller wipes the result.
/// </summary>
public sealed class ZkKeyPool
{
    private const int WrappedCapacity = 16_384;

    private static readonly TimeSpan MasterRefresh = TimeSpan.FromSeconds(60);

    private readonly IKeyStore _store;
    private readonly IZkKeyPoolStore _pool;
    private readonly IKeyVault _vault;
    private readonly KeyRing _ring;
    private readonly ZeroKnowledgeOptions _options;
    // Wrapped pool keys by index (not secret: the master is in the vault). Sized for MOSIP's pool of 10,000; a larger
    // pool still works, its least used keys are read from the store again.
    private readonly ConcurrentLru<long, byte[]> _wrapped = new(Environment.ProcessorCount, WrappedCapacity, EqualityComparer<long>.Default);
    private volatile long[]? _activeIds;
    private volatile MasterKey? _master;

    /// <summary>Creates the pool.</summary>
    public ZkKeyPool(IKeyStore store, IZkKeyPoolStore pool, IKeyVault vault, KeyRing ring, ZeroKnowledgeOptions options)
    {
        _store = store;
        _pool = pool;
        _vault = vault;
        _ring = ring;
        _options = options;
    }

    /// <summary>
    /// Fills the pool up to <paramref name="size"/> keys (indexes 0..size-1), skipping indexes that exist, so a
    /// partial run is completed by the next (MOSIP's job under-fills instead). Returns how many keys were added.
    /// </summary>
    public async Task<Result<int>> GenerateAsync(int size, CancellationToken cancellationToken)
    {
        var master = await MasterAsync(cancellationToken);
        if (!master.IsSuccess)
        {
            return master.Error;
        }

        var existing = (await _pool.GetActiveKeyIdsAsync(cancellationToken)).ToHashSet();
        var rows = new List<(long, string)>();
        var key = new byte[32];
        try
        {
            for (long id = 0; id < size; id++)
            {
                if (!existing.Contains(id))
                {
                    RandomNumberGenerator.Fill(key);
                    rows.Add((id, Convert.ToBase64String(_vault.EncryptAesEcb(master.Value.Alias, key))));
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        var inserted = rows.Count == 0 ? 0 : await _pool.InsertKeysAsync(rows, cancellationToken);
        _activeIds = null;
        return inserted;
    }

    /// <summary>A random active index and its unwrapped key (the caller wipes it).</summary>
    public async Task<Result<(long Index, byte[] Key)>> PickRandomAsync(CancellationToken cancellationToken)
    {
        var ids = _activeIds ??= [.. await _pool.GetActiveKeyIdsAsync(cancellationToken)];
        if (ids.Length == 0)
        {
            return ErrorCodes.ZkRandomKeyCipherFailed;
        }

        var index = ids[RandomNumberGenerator.GetInt32(ids.Length)];
        var key = await UnwrapAsync(index, cancellationToken);
        return key.IsSuccess ? (index, key.Value) : key.Error;
    }

    /// <summary>The unwrapped key at <paramref name="index"/> (the caller wipes it); KER-ZKC-001 when absent or unusable.</summary>
    public async Task<Result<byte[]>> UnwrapAsync(long index, CancellationToken cancellationToken)
    {
        var master = await MasterAsync(cancellationToken);
        if (!master.IsSuccess)
        {
            return master.Error;
        }

        if (!_wrapped.TryGet(index, out var wrapped))
        {
            var text = await _pool.GetWrappedKeyAsync(index, cancellationToken);
            if (text is null || !TryDecodeBase64(text, out wrapped) || wrapped.Length != 32)
            {
                return ErrorCodes.ZkRandomKeyCipherFailed;
            }

            _wrapped.AddOrUpdate(index, wrapped);
        }

        try
        {
            return _vault.DecryptAesEcb(master.Value.Alias, wrapped);
        }
        catch (CryptographicException)
        {
            return ErrorCodes.ZkRandomKeyCipherFailed;
        }
    }

    /// <summary>Wraps a random key under the ZK master key: standard base64 of AES-ECB (the <c>data_encrypt_keystore.key</c> format).</summary>
    public async Task<Result<string>> WrapAsync(byte[] key, CancellationToken cancellationToken)
    {
        var master = await MasterAsync(cancellationToken);
        return master.IsSuccess ? Convert.ToBase64String(_vault.EncryptAesEcb(master.Value.Alias, key)) : master.Error;
    }

    /// <summary>Forgets the cached list of active indexes (after keys were added at new indexes).</summary>
    internal void ForgetActiveIds() => _activeIds = null;

    /// <summary>Pool size and master key.</summary>
    public async Task<ZkPoolStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var ids = await _pool.GetActiveKeyIdsAsync(cancellationToken);
        var master = await MasterAsync(cancellationToken);
        return master.IsSuccess
            ? new ZkPoolStatus(ids.Count, master.Value.Alias, master.Value.ExpiresAt)
            : new ZkPoolStatus(ids.Count, null, null);
    }

    /// <summary>The single current ZK master key (KER-ZKC-002 otherwise), re-read every minute.</summary>
    private async Task<Result<MasterKey>> MasterAsync(CancellationToken cancellationToken)
    {
        var cached = _master;
        var now = _ring.Now;
        if (cached is not null && now - cached.LoadedAt < MasterRefresh)
        {
            return cached;
        }

        var appId = _options.MasterApplicationId;
        var refId = _options.MasterReferenceId;
        var policies = await _ring.Policies.GetAllAsync(cancellationToken);
        var current = KeyValidity.Current(await _store.GetAliasesAsync(appId, refId, cancellationToken), now, KeyValidity.PreExpireDays(appId, refId, policies.GetValueOrDefault));
        if (current.Count != 1)
        {
            return ErrorCodes.ZkNoUniqueAlias;
        }

        var master = new MasterKey(current[0].Id, current[0].ExpiresAt, now);
        _master = master;
        return master;
    }

    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        bytes = new byte[(text.Length * 3 / 4) + 3];
        if (Convert.TryFromBase64String(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }

    private sealed record MasterKey(string Alias, DateTime ExpiresAt, DateTime LoadedAt);
}
