using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Updates;
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

    private DeviceServicesOptions? _options;

    private DeviceServicesOptions Options => _options ??= new DeviceServicesOptions { ConfigureUpdates = ConfigureUpdates };

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKavach(new KavachOptions { DataDir = _dir.Path });
        services.AddKavachDevices(Options);
        services.AddKavachDevices(Options);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _services.ValidateKavachConfiguration();
        return Task.CompletedTask;
    }

    private void ConfigureUpdates(IServiceProvider services, UpdateOptions options) => options.ArtifactDirectory = Path.Combine(_dir.Path, "artifacts");

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

    [Fact]
    public void The_one_composition_registers_what_the_device_server_maps_with_the_options_given()
    {
        // The same AddKavachDevices the device server calls with its configuration: the downlink writer, the gate,
        // the operations and the updates resolve, and the options passed are the ones registered.
        Assert.NotNull(_services.GetRequiredService<Kavach.Devices.Protocol.DownlinkWriter>());
        Assert.NotNull(_services.GetRequiredService<Kavach.Devices.Messaging.DeviceMessageGate>());
        Assert.NotNull(_services.GetRequiredService<Kavach.Devices.Checkin.CheckinService>());
        Assert.NotNull(_services.GetRequiredService<Kavach.Devices.Deregistration.DeregistrationService>());
        Assert.NotNull(_services.GetRequiredService<Kavach.Devices.Updates.Releases.UpdateMetadataService>());
        Assert.Same(Options.Repository, _services.GetRequiredService<DeviceRepositoryOptions>());
        Assert.Same(Options.Operations, _services.GetRequiredService<Kavach.Devices.Policy.DeviceOperationsOptions>());
    }

    [Fact]
    public async Task Events_recorded_while_an_administrators_reason_is_current_carry_it_after_their_own_detail()
    {
        var audit = _services.GetRequiredService<IDeviceAudit>();

        await RecordWithReasonAsync(audit, "SN-REASON-1", "lost \"badge\"");
        await audit.RecordAsync(new DeviceAuditEvent(DateTimeOffset.UtcNow, "device.test", "alice", "OK", "SN-REASON-2", "id=2"), Ct);

        var trail = _services.GetRequiredService<AuditTrail>();
        await trail.FlushAsync(Ct);
        var records = await trail.Store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, Ct);
        Assert.Equal("id=1 reason=\"lost \\\"badge\\\"\"", records.Single(r => r.Entry.RefId == "SN-REASON-1").Entry.Detail);
        Assert.Equal("id=2", records.Single(r => r.Entry.RefId == "SN-REASON-2").Entry.Detail);
    }

    // The reason is entered in this async method: it ends with it, as it ends with the request in the server.
    private static async Task RecordWithReasonAsync(IDeviceAudit audit, string serial, string reason)
    {
        DeviceAuditReason.Enter(reason);
        await audit.RecordAsync(new DeviceAuditEvent(DateTimeOffset.UtcNow, "device.test", "alice", "OK", serial, "id=1"), Ct);
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
