using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Keys.Audit;
using Kavach.Keys.Certificates;
using Kavach.Keys.Management;
using Kavach.Testing;
using Kavach.Testing.Devices;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>
/// Enrolment as <see cref="DeviceServiceCollectionExtensions.AddKavachDevices"/> composes it over Kavach's real services:
/// the FTM root in the trust store's FTM domain, the provider's organisation from the central repository, the device CA
/// and server keys in the file vault, and every step in the hash-chained audit trail.
/// </summary>
public sealed class EnrolmentCompositionTests : IAsyncLifetime
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private readonly TempDirectory _dir = new("kavach-devices-enrol-composition");
    private readonly DeviceProviderPki _pki = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKavach(new KavachOptions { DataDir = _dir.Path });
        services.AddKavachDevices();
        services.AddKavachDevices();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _services.ValidateKavachConfiguration();
        var root = await _services.GetRequiredService<KeyRing>().Generator.GenerateAsync("ROOT", string.Empty, SubjectRequest.Empty, force: false, Ct);
        Assert.True(root.IsSuccess, root.Error?.Message);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        _pki.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_whitelisted_L1_device_enrols_and_confirms_through_the_composed_services()
    {
        const string serial = "COMPOSED0001";
        var chip = _pki.IssueFtmChip(serial);
        await WhitelistAsync(DeviceProviderPki.L1Entry(serial, chip.CertificateSha256));
        var enrolment = _services.GetRequiredService<EnrolmentService>();
        var (kid, encryption) = await _services.GetRequiredService<IDeviceServerKeys>().GetEncryptionKeyAsync(Ct);
        using var device = new SimulatedDevice(serial, chip, _pki.ProviderId, _pki.Organization, TimeProvider.System);

        var challenge = EnrolmentHarness.Downlink(await enrolment.IssueChallengeAsync(null, Ct));
        Assert.True(ProtocolJson.TryRead(challenge.Body, DeviceProtocolJsonContext.Default.ChallengeBody, out var nonce));
        var enrolled = await enrolment.EnrolAsync(await device.UplinkAsync(device.EnrollBody(nonce.Nonce), EnrolmentHarness.EnrollUrl, (kid, encryption)), new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.True(enrolled.IsSuccess, enrolled.Error?.Message);
        EnrolmentHarness.Accept(device, enrolled);
        Assert.Equal($"CN={serial}, O={_pki.Organization}", device.Certificate!.Subject);
        var ca = await _services.GetRequiredService<IDeviceCaCertificates>().GetTrustAnchorsAsync(Ct);
        Assert.Equal(ca.IssuingCas[0].SubjectName.RawData, X509CertificateLoader.LoadCertificate(device.Certificate.RawData).IssuerName.RawData);
        var confirm = await device.UplinkAsync(new EnrollConfirmBody(device.Certificate.SerialNumber), EnrolmentHarness.ConfirmUrl, (kid, encryption), signerCertificate: device.Certificate, signerKey: device.DeviceKey);
        var confirmed = await enrolment.ConfirmAsync(confirm, new EnrolmentRequestContext(EnrolmentHarness.ConfirmUrl, device.Certificate), Ct);
        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
        Assert.Equal(DeviceState.Active, (await _services.GetRequiredService<IDeviceRegistryStore>().GetDeviceAsync(serial, Ct))!.State);

        var trail = _services.GetRequiredService<AuditTrail>();
        await trail.FlushAsync(Ct);
        var records = await trail.Store.ReadAuditRecordsAsync(long.MinValue, long.MaxValue, int.MaxValue, Ct);
        var operations = records.Where(r => r.Entry.AppId == AuditTrailDeviceAudit.ApplicationId).Select(r => (r.Entry.Operation, r.Entry.Actor)).ToList();
        Assert.Contains(("device.enrol", "device:" + serial), operations);
        Assert.Contains(("device.enrol.confirm", "device:" + serial), operations);
    }

    [Fact]
    public async Task A_deactivated_provider_names_no_organisation_so_its_devices_cannot_enrol()
    {
        var organizations = _services.GetRequiredService<IDeviceProviderOrganizations>();
        Assert.Null(await organizations.GetOrganizationAsync(_pki.ProviderId, Ct));
        await AddProviderAndModelAsync();

        Assert.Equal(_pki.Organization, await organizations.GetOrganizationAsync(_pki.ProviderId, Ct));
        Assert.Null(await organizations.GetOrganizationAsync("FTM.CHIPS", Ct));
    }

    [Fact]
    public void Registering_twice_keeps_one_L0_enrolment_handler()
    {
        Assert.Single(_services.GetServices<IApprovalHandler>(), h => h.Kind == ApprovalKind.L0Enrolment);
        Assert.Same(_services.GetRequiredService<DeviceCertificateAuthority>(), _services.GetRequiredService<IDeviceCaCertificates>());
    }

    private async Task AddProviderAndModelAsync()
    {
        var providers = _services.GetRequiredService<ProviderService>();
        Assert.True((await providers.AddAsync(new AddProviderRequest(_pki.ProviderId, _pki.Organization, "DEVICE", _pki.ProviderCa.Pem), "alice", Ct)).IsSuccess);
        Assert.True((await providers.AddAsync(new AddProviderRequest("FTM.CHIPS", "Chips", "FTM", _pki.FtmRoot.Pem), "alice", Ct)).IsSuccess);
        var model = await _services.GetRequiredService<ModelService>().ApproveAsync(new DeviceModelDetail("MODEL-SLAP01", _pki.ProviderId, "Finger", "Slap", "MOSIP", "SLAP01"), "alice", Ct);
        Assert.True(model.IsSuccess, model.Error?.Message);
    }

    private async Task WhitelistAsync(WhitelistBatchEntry entry)
    {
        await AddProviderAndModelAsync();
        var whitelist = _services.GetRequiredService<WhitelistService>();
        var imported = await whitelist.ImportAsync(_pki.SignBatch("BATCH-ENROL", [entry]), "alice", Ct);
        Assert.True(imported.IsSuccess, imported.Error?.Message);
        var approved = await whitelist.ApproveAsync("BATCH-ENROL", "bob", Ct);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
    }
}
