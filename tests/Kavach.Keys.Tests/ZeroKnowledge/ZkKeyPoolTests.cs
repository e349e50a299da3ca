using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Tests.Support;

namespace Kavach.Keys.Tests.ZeroKnowledge;

/// <summary>The zero-knowledge key pool: generation of a small pool, lookups, and what is cached.</summary>
public sealed class ZkKeyPoolTests : IDisposable
{
    private readonly KeyServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Without_a_master_key_nothing_is_made()
    {
        var result = await _services.ZkPool.GenerateAsync(4, KeyServices.Ct);

        Assert.Equal(ErrorCodes.ZkNoUniqueAlias, result.Error);
        Assert.Empty(await _services.Store.GetActiveKeyIdsAsync(KeyServices.Ct));
    }

    [Fact]
    public async Task A_small_pool_is_made_once_and_completed_not_duplicated()
    {
        var master = await MasterAsync();

        Assert.Equal(5, KeyServices.Ok(await _services.ZkPool.GenerateAsync(5, KeyServices.Ct)));
        Assert.Equal(3, KeyServices.Ok(await _services.ZkPool.GenerateAsync(8, KeyServices.Ct)));
        Assert.Equal(0, KeyServices.Ok(await _services.ZkPool.GenerateAsync(8, KeyServices.Ct)));

        var status = await _services.ZkPool.StatusAsync(KeyServices.Ct);
        Assert.Equal(8, status.ActiveKeys);
        Assert.Equal(master, status.MasterAlias);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), await _services.Store.GetActiveKeyIdsAsync(KeyServices.Ct));
    }

    [Fact]
    public async Task Lookups_read_each_wrapped_key_once_and_unwrap_in_the_vault_every_time()
    {
        var master = await MasterAsync();
        KeyServices.Ok(await _services.ZkPool.GenerateAsync(8, KeyServices.Ct));
        var aesBefore = _services.Vault.AesOperationsWith(master);

        var first = KeyServices.Ok(await _services.ZkPool.UnwrapAsync(3, KeyServices.Ct));
        var second = KeyServices.Ok(await _services.ZkPool.UnwrapAsync(3, KeyServices.Ct));
        var other = KeyServices.Ok(await _services.ZkPool.UnwrapAsync(4, KeyServices.Ct));

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
        Assert.Equal(2, _services.Store.PoolReads);
        Assert.Equal(aesBefore + 3, _services.Vault.AesOperationsWith(master));
    }

    [Fact]
    public async Task A_random_pick_is_an_active_index_with_its_key()
    {
        await MasterAsync();
        KeyServices.Ok(await _services.ZkPool.GenerateAsync(8, KeyServices.Ct));

        for (var i = 0; i < 10; i++)
        {
            var (index, key) = KeyServices.Ok(await _services.ZkPool.PickRandomAsync(KeyServices.Ct));
            Assert.InRange(index, 0, 7);
            Assert.Equal(KeyServices.Ok(await _services.ZkPool.UnwrapAsync(index, KeyServices.Ct)), key);
        }
    }

    [Fact]
    public async Task An_absent_index_and_a_damaged_row_give_the_zk_error()
    {
        await MasterAsync();
        KeyServices.Ok(await _services.ZkPool.GenerateAsync(2, KeyServices.Ct));
        await _services.Store.InsertKeysAsync([(9, "not base64!")], KeyServices.Ct);

        Assert.Equal(ErrorCodes.ZkRandomKeyCipherFailed, (await _services.ZkPool.UnwrapAsync(5, KeyServices.Ct)).Error);
        Assert.Equal(ErrorCodes.ZkRandomKeyCipherFailed, (await _services.ZkPool.UnwrapAsync(9, KeyServices.Ct)).Error);
    }

    [Fact]
    public async Task A_wrapped_key_unwraps_under_the_master_to_itself()
    {
        var master = await MasterAsync();
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        var wrapped = Convert.FromBase64String(KeyServices.Ok(await _services.ZkPool.WrapAsync(key, KeyServices.Ct)));

        Assert.Equal(key, _services.Vault.DecryptAesEcb(master, wrapped));
    }

    private async Task<string> MasterAsync()
    {
        KeyServices.Ok(await _services.Lifecycle.GenerateSymmetricKeyAsync(KeyIds.Kernel, KeyIds.IdentityCache, force: false, KeyServices.Ct));
        return (await _services.Store.GetAliasesAsync(KeyIds.Kernel, KeyIds.IdentityCache, KeyServices.Ct)).Single().Id;
    }
}
