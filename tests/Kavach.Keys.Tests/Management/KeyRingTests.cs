using Kavach.Keys.Access;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Tests.Support;

namespace Kavach.Keys.Tests.Management;

/// <summary>The key ring: rotation exactly at the pre-expiry boundary, and one key however many ask at once.</summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly KeyServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_base_key_is_rotated_exactly_at_the_pre_expiry_boundary()
    {
        await _services.BootstrapAsync();
        var first = await _services.BaseKeyAsync("ROTATE");
        var boundary = new DateTimeOffset(first.Alias.ExpiresAt.AddDays(-KeyServices.BasePreExpireDays), TimeSpan.Zero);

        _services.Time.SetUtcNow(boundary.AddTicks(-1));
        var before = await _services.BaseKeyAsync("ROTATE");

        _services.Time.SetUtcNow(boundary);
        var at = await _services.BaseKeyAsync("ROTATE");

        _services.Time.Advance(TimeSpan.FromTicks(1));
        var after = await _services.BaseKeyAsync("ROTATE");

        Assert.Equal(first.Alias.Id, before.Alias.Id);
        Assert.NotEqual(first.Alias.Id, at.Alias.Id);
        Assert.Equal(at.Alias.Id, after.Alias.Id);
        Assert.Equal(2, (await _services.Store.GetAliasesAsync(KeyServices.App, "ROTATE", KeyServices.Ct)).Count);
    }

    [Fact]
    public async Task A_vault_key_is_rotated_exactly_at_the_pre_expiry_boundary_of_its_policy()
    {
        await _services.BootstrapAsync();
        var first = KeyServices.Ok(await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct));
        var boundary = new DateTimeOffset(first.Alias.ExpiresAt.AddDays(-60), TimeSpan.Zero);

        _services.Time.SetUtcNow(boundary.AddTicks(-1));
        var before = KeyServices.Ok(await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct));
        var created = _services.Vault.KeyPairsCreated;

        _services.Time.SetUtcNow(boundary);
        var at = KeyServices.Ok(await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct));

        Assert.Equal(first.Alias.Id, before.Alias.Id);
        Assert.NotEqual(first.Alias.Id, at.Alias.Id);
        Assert.Equal(created + 1, _services.Vault.KeyPairsCreated);
    }

    [Fact]
    public async Task Concurrent_requests_for_a_missing_key_create_exactly_one()
    {
        await _services.BootstrapAsync();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await _services.Ring.GetCurrentAsync(KeyServices.App, "FLIGHT", Caller.System, KeyServices.Ct);
        })).ToArray();

        go.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(results.Select(r => r.Value.Alias.Id).Distinct());
        Assert.Single(await _services.Store.GetAliasesAsync(KeyServices.App, "FLIGHT", KeyServices.Ct));
    }

    [Fact]
    public async Task Concurrent_requests_after_expiry_rotate_a_vault_key_once()
    {
        await _services.BootstrapAsync();
        var first = KeyServices.Ok(await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct));
        _services.Time.SetUtcNow(new DateTimeOffset(first.Alias.ExpiresAt, TimeSpan.Zero).AddDays(1));
        var created = _services.Vault.KeyPairsCreated;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            return await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct);
        })).ToArray();

        go.SetResult();
        var results = await Task.WhenAll(requests);

        Assert.All(results, r => Assert.True(r.IsSuccess));
        Assert.Single(results.Select(r => r.Value.Alias.Id).Distinct());
        Assert.Equal(created + 1, _services.Vault.KeyPairsCreated);
        Assert.Equal(2, (await _services.Store.GetAliasesAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct)).Count);
    }

    [Fact]
    public async Task A_cached_certificate_costs_no_store_read_and_a_swapped_one_is_refused()
    {
        await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("CERTS");
        _ = KeyServices.Ok(await _services.Ring.LoadAsync(key.Alias, KeyClass.Base, KeyServices.Ct));
        var reads = _services.Store.StoredKeyReads;

        var again = KeyServices.Ok(await _services.Ring.LoadAsync(key.Alias, KeyClass.Base, KeyServices.Ct));

        Assert.Equal(reads, _services.Store.StoredKeyReads);
        Assert.Equal(key.Certificate.RawData, again.Certificate.RawData);

        // A row naming another thumbprint than the cached certificate's is read again, and refused.
        var edited = key.Alias with { CertThumbprint = new string('A', 64) };
        var refused = await _services.Ring.LoadAsync(edited, KeyClass.Base, KeyServices.Ct);
        Assert.Equal(Errors.ErrorCodes.StoredKeyIntegrity, refused.Error);
    }

    [Fact]
    public async Task A_never_made_base_key_is_not_created_without_a_creator()
    {
        await _services.BootstrapAsync();

        var result = await _services.Ring.GetCurrentAsync(KeyServices.App, "NOBODY", KeyServices.Ct);

        Assert.Equal(Errors.ErrorCodes.KeyGenerationNotDone, result.Error);
        Assert.Empty(await _services.Store.GetAliasesAsync(KeyServices.App, "NOBODY", KeyServices.Ct));
    }
}
