using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Keys.Audit;
using Kavach.Testing;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Tests.Repository;

/// <summary>
/// <see cref="DeviceServiceCollectionExtensions.AddKavachDevices"/> over Kavach's real composition: the partner trust
/// store holds the provider CA and judges the factory certificate, and device events land in the hash-chained trail.
/// </summary>
public sealed class DeviceCompositionTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly TempDirectory _dir = new("kavach-devices-composition");
    private readonly DeviceProviderPki _pki = new();
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKavach(new KavachOptions { DataDir = _dir.Path });
        services.AddKavachDevices();
        services.AddKavachDevices();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _services.ValidateKavachConfiguration();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _pki.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_batch_signed_under_a_CA_in_the_real_trust_store_whitelists_its_devices_and_every_step_is_in_the_audit_trail()
    {
        await AddProviderAndModelAsync();
        var entries = RepositoryHarness.Entries(2);

        var imported = await Whitelist.ImportAsync(_pki.SignBatch("BATCH-COMPOSED", entries), "alice", Ct);
        Assert.True(imported.IsSuccess, imported.Error?.Message);
        var approved = await Whitelist.ApproveAsync("BATCH-COMPOSED", "bob", Ct);
        Assert.True(approved.IsSuccess, approved.Error?.Message);

        var registry = _services.GetRequiredService<IDeviceRegistryStore>();
        foreach (var entry in entries)
        {
            Assert.Equal(DeviceState.Whitelisted, (await registry.GetDeviceAsync(entry.SerialNo, Ct))?.State);
        }

        var trail = _services.GetRequiredService<AuditTrail>();
        await trail.FlushAsync(Ct);
        var records = await trail.Store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, Ct);
        var devices = records.Where(r => r.Entry.AppId == AuditTrailDeviceAudit.ApplicationId).Select(r => (r.Entry.Operation, r.Entry.Actor)).ToList();
        Assert.Contains(("device.provider.add", "alice"), devices);
        Assert.Contains(("device.whitelist.import", "alice"), devices);
        Assert.Contains(("device.approval.approve", "bob"), devices);
    }

    [Fact]
    public async Task Attack_rogue_factory_the_real_trust_store_refuses_a_look_alike_CA_and_nothing_is_stored()
    {
        await AddProviderAndModelAsync();

        var result = await Whitelist.ImportAsync(_pki.SignBatch("BATCH-ROGUE", RepositoryHarness.Entries(1), signer: _pki.RogueFactory), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.BatchSignatureInvalid, result.Error);
        Assert.Empty(await Whitelist.ListAsync(null, 10, Ct));
    }

    [Fact]
    public async Task A_factory_under_a_CA_of_domain_FTM_is_not_trusted_for_whitelists()
    {
        await AddProviderAndModelAsync(caDomainKind: "FTM");

        var result = await Whitelist.ImportAsync(_pki.SignBatch("BATCH-FTMCA", RepositoryHarness.Entries(1)), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.BatchSignatureInvalid, result.Error);
    }

    [Fact]
    public void Registering_twice_keeps_one_handler_per_kind()
    {
        Assert.Single(_services.GetServices<IApprovalHandler>(), h => h.Kind == ApprovalKind.WhitelistImport);
    }

    private WhitelistService Whitelist => _services.GetRequiredService<WhitelistService>();

    // The device provider is registered without a CA; its CA goes in through a provider of the given kind, so a
    // test can put the very same CA in domain FTM only.
    private async Task AddProviderAndModelAsync(string caDomainKind = "DEVICE")
    {
        var providers = _services.GetRequiredService<ProviderService>();
        Assert.True((await providers.AddAsync(new AddProviderRequest(_pki.ProviderId, _pki.Organization, "DEVICE"), "alice", Ct)).IsSuccess);
        if (caDomainKind == "DEVICE")
        {
            var upload = await providers.UploadCaAsync(_pki.ProviderId, _pki.ProviderCa.Pem, "alice", Ct);
            Assert.True(upload.IsSuccess, upload.Error?.Message);
        }
        else
        {
            Assert.True((await providers.AddAsync(new AddProviderRequest("FTM.CHIPS", "Chips", "FTM", _pki.ProviderCa.Pem), "alice", Ct)).IsSuccess);
        }

        var model = await _services.GetRequiredService<ModelService>().ApproveAsync(new DeviceModelDetail("MODEL-SLAP01", _pki.ProviderId, "Finger", "Slap", "MOSIP", "SLAP01"), "alice", Ct);
        Assert.True(model.IsSuccess, model.Error?.Message);
    }
}
