using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Providers;

namespace Kavach.Devices.Tests.Repository.Providers;

/// <summary>Providers: registered by PMS organisation name, CA chains into the trust domain of their kind.</summary>
public sealed class ProviderServiceTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private RepositoryHarness _h = null!;

    public Task InitializeAsync()
    {
        _h = new RepositoryHarness();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_device_provider_is_registered_with_its_CA_in_domain_DEVICE_and_an_FTM_provider_in_FTM()
    {
        var device = await _h.Providers.AddAsync(new AddProviderRequest("MOSIP.PROXY.SBI", "MOSIP", "DEVICE", _h.Pki.ProviderCa.Pem), "alice", Ct);
        var ftm = await _h.Providers.AddAsync(new AddProviderRequest("FTM.CHIPS", "MOSIP FTM", "ftm", _h.Pki.FtmRoot.Pem), "alice", Ct);

        Assert.Equal(new DeviceProviderRecord("MOSIP.PROXY.SBI", "MOSIP", DeviceProviderKind.Device, true, "alice", RepositoryHarness.Start), device.Value);
        Assert.Equal(DeviceProviderKind.Ftm, ftm.Value.Kind);
        Assert.Equal([_h.Pki.ProviderCa.Certificate.Thumbprint], _h.Trust.In("DEVICE").Select(c => c.Thumbprint));
        Assert.Equal([_h.Pki.FtmRoot.Certificate.Thumbprint], _h.Trust.In("FTM").Select(c => c.Thumbprint));
        Assert.Equal(["FTM.CHIPS", "MOSIP.PROXY.SBI"], (await _h.Providers.ListAsync(Ct)).Select(p => p.ProviderId));
        Assert.Equal(device.Value, (await _h.Providers.GetAsync("MOSIP.PROXY.SBI", Ct)).Value);
        Assert.Contains(_h.Audit.Events, e => e.Operation == "device.provider.add" && e.Outcome == "OK" && e.Subject == "FTM.CHIPS");
    }

    [Fact]
    public async Task A_provider_id_is_registered_once()
    {
        Assert.True((await _h.Providers.AddAsync(new AddProviderRequest("P1", "Org", "DEVICE"), "alice", Ct)).IsSuccess);

        var again = await _h.Providers.AddAsync(new AddProviderRequest("P1", "Other Org", "DEVICE"), "bob", Ct);

        Assert.Equal(DeviceRepositoryErrors.ProviderExists, again.Error);
        Assert.Equal("Org", (await _h.Providers.GetAsync("P1", Ct)).Value.OrganizationName);
    }

    [Fact]
    public async Task A_CA_the_trust_store_refuses_registers_nothing()
    {
        var result = await _h.Providers.AddAsync(new AddProviderRequest("P2", "Org", "DEVICE", "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----"), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.ProviderCaRefused.Format("KER-PCM-001"), result.Error);
        Assert.Equal(DeviceRepositoryErrors.ProviderNotFound, (await _h.Providers.GetAsync("P2", Ct)).Error);
    }

    [Theory]
    [InlineData(null, "Org", "DEVICE", "providerId")]
    [InlineData("has space", "Org", "DEVICE", "providerId")]
    [InlineData("1234567890123456789012345678901234567", "Org", "DEVICE", "providerId")]
    [InlineData("P3", "", "DEVICE", "organizationName")]
    [InlineData("P3", " Org", "DEVICE", "organizationName")]
    [InlineData("P3", "Org", "AUTH", "kind")]
    [InlineData("P3", "Org", null, "kind")]
    public async Task Bad_provider_fields_are_named(string? id, string? organization, string? kind, string field)
    {
        var result = await _h.Providers.AddAsync(new AddProviderRequest(id, organization, kind), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.InvalidRequest.Format(field), result.Error);
        Assert.Empty(await _h.Providers.ListAsync(Ct));
    }

    [Fact]
    public async Task More_CA_certificates_go_into_the_providers_domain()
    {
        Assert.True((await _h.Providers.AddAsync(new AddProviderRequest("FTM.CHIPS", "MOSIP FTM", "FTM"), "alice", Ct)).IsSuccess);

        Assert.True((await _h.Providers.UploadCaAsync("FTM.CHIPS", _h.Pki.FtmRoot.Pem, "alice", Ct)).IsSuccess);

        Assert.Single(_h.Trust.In("FTM"));
        Assert.Equal(DeviceRepositoryErrors.ProviderNotFound, (await _h.Providers.UploadCaAsync("NOBODY", _h.Pki.FtmRoot.Pem, "alice", Ct)).Error);
    }
}
