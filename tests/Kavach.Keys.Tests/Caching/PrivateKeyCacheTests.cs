using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kavach.Keys.Caching;
using Kavach.Keys.Management;
using Kavach.Keys.Tests.Support;
using Kavach.Keys.Vault;
using Kavach.Testing.Keys;

namespace Kavach.Keys.Tests.Caching;

/// <summary>
/// The unwrapped-key cache: one unwrap per key, leases that outlive eviction, disposal after the last lease, a bound
/// that holds under concurrency, and the vault gate that empties it.
/// </summary>
public sealed class PrivateKeyCacheTests : IDisposable
{
    private static readonly RSA SharedKey = PregeneratedKeys.RsaKey(PregeneratedKeys.Distinct - 1);

    private readonly KeyServices _services = new(privateKeyCapacity: 3);

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_cached_key_is_unwrapped_once()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];

        using (var first = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct)))
        using (var second = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct)))
        {
            Assert.Same(first.Key, second.Key);
        }

        using var third = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        Assert.Equal(1, _services.Vault.DecryptionsWith(master.Alias.Id));
        Assert.Equal(1, _services.PrivateKeys.Count);
    }

    [Fact]
    public async Task A_leased_key_outlives_its_drop_and_is_disposed_after_the_last_lease()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];
        var first = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        var second = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        var key = first.Key;

        _services.PrivateKeys.Drop(alias.Id);

        Assert.Equal(0, _services.PrivateKeys.Count);
        AssertUsable(key);
        first.Dispose();
        AssertUsable(key);
        second.Dispose();
        AssertDisposed(key);
        Assert.Throws<ObjectDisposedException>(() => first.Key);

        // The next request loads it again.
        using var again = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        Assert.NotSame(key, again.Key);
        Assert.Equal(2, _services.Vault.DecryptionsWith(master.Alias.Id));
    }

    [Fact]
    public async Task Disposing_a_lease_twice_releases_it_once()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];
        var first = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        using var second = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        _services.PrivateKeys.Drop(alias.Id);

        first.Dispose();
        first.Dispose();

        AssertUsable(second.Key);
    }

    [Fact]
    public async Task Eviction_under_concurrency_keeps_the_bound_and_never_disposes_a_key_in_use()
    {
        var master = await _services.BootstrapAsync();
        var aliases = _services.SeedBaseKeys(master, 12, SharedKey);
        var seen = new ConcurrentDictionary<StoredPrivateKey, byte>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = Enumerable.Range(0, 6).Select(worker => Task.Run(async () =>
        {
            await go.Task;
            for (var i = 0; i < 60; i++)
            {
                var alias = aliases[RandomNumberGenerator.GetInt32(aliases.Count)];
                using var lease = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
                seen.TryAdd(lease.Key, 0);

                // Other threads evict meanwhile; the key must stay whole until this lease ends.
                await Task.Yield();
                AssertUsable(lease.Key);
            }
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(workers);

        Assert.InRange(_services.PrivateKeys.Count, 1, 3);
        Assert.True(seen.Count > aliases.Count, "keys should have been evicted and loaded again");

        // Every copy that is no longer cached has been disposed; emptying the cache disposes the rest.
        Assert.Equal(_services.PrivateKeys.Count, seen.Keys.Count(IsUsable));
        _services.PrivateKeys.Dispose();
        Assert.All(seen.Keys, AssertDisposed);
    }

    [Fact]
    public async Task Concurrent_misses_for_one_key_leave_one_cached_copy()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        })).Append(Task.Run(async () =>
        {
            go.SetResult();
            return KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        })));
        var keys = leases.Select(l => l.Key).Distinct().ToList();
        Assert.All(keys, AssertUsable);

        foreach (var lease in leases)
        {
            lease.Dispose();
        }

        Assert.Equal(1, _services.PrivateKeys.Count);
        Assert.Single(keys, IsUsable);
        using var cached = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        Assert.Contains(cached.Key, keys);
        Assert.True(IsUsable(cached.Key));
    }

    [Fact]
    public async Task Closing_the_vault_gate_empties_the_cache_and_refuses_until_it_reopens()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];
        var held = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));

        _services.Gate.Report(new VaultStatus(false, "token removed (test)"));

        Assert.Equal(0, _services.PrivateKeys.Count);
        await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));

        // The request that already held the key finishes with it; then it is gone.
        var key = held.Key;
        AssertUsable(key);
        held.Dispose();
        AssertDisposed(key);

        _services.Gate.Report(new VaultStatus(true, "back"));
        using var again = KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct));
        AssertUsable(again.Key);
        Assert.Equal(2, _services.Vault.DecryptionsWith(master.Alias.Id));
    }

    [Fact]
    public async Task A_key_that_fails_its_checks_is_neither_served_nor_cached()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];
        _services.Store.EditStored(alias.Id, stored => stored with { WrappedPrivateKey = "AAAA" + stored.WrappedPrivateKey[4..] });

        var result = await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct);

        Assert.Equal(Errors.ErrorCodes.StoredKeyIntegrity, result.Error);
        Assert.Equal(0, _services.PrivateKeys.Count);
    }

    [Fact]
    public async Task A_revocation_drops_the_key_through_the_listener()
    {
        var master = await _services.BootstrapAsync();
        var alias = _services.SeedBaseKeys(master, 1, SharedKey)[0];
        using (KeyServices.Ok(await _services.PrivateKeys.AcquireAsync(alias, KeyServices.Ct)))
        {
        }

        ((IKeyRevocationListener)_services.PrivateKeys).KeyRevoked(alias.Id);

        Assert.Equal(0, _services.PrivateKeys.Count);
    }

    private static bool IsUsable(StoredPrivateKey key)
    {
        try
        {
            key.Rsa!.ExportParameters(false);
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private static void AssertUsable(StoredPrivateKey key) => Assert.True(IsUsable(key), "the key was disposed while leased");

    private static void AssertDisposed(StoredPrivateKey key) => Assert.False(IsUsable(key), "the key should have been disposed");
}
