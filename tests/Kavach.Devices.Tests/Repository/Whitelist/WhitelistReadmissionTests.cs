using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Hooks;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Models;
using Kavach.Devices.Repository.Providers;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Tests.Deregistration;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Testing.Devices;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Repository.Whitelist;

/// <summary>
/// A Quarantined or Deregistered serial comes back through an approved (four-eyes) whitelist batch: Whitelisted with the
/// new entry's FTM certificate, its old certificates revoked (and in the CRL), the re-admission audited, and it enrols
/// as a new device. A serial in any other state is still refused.
/// </summary>
public sealed partial class WhitelistReadmissionTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_quarantined_device_readmitted_by_an_approved_batch_enrols_again_and_its_old_certificate_stays_revoked()
    {
        var whitelist = await WhitelistAsync();
        using var genuine = await ActiveDeviceAsync();
        var oldCertificate = genuine.Certificate!.SerialNumber;
        await QuarantineByCloneAsync(genuine);
        var before = (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!;

        // Fresh provisioning: a new FTM chip, a factory-signed batch imported by one administrator, approved by another.
        var chip = H.Pki.IssueFtmChip(genuine.SerialNo);
        var batchId = BatchId();
        var imported = await whitelist.ImportAsync(H.Pki.SignBatch(batchId, [DeviceProviderPki.L1Entry(genuine.SerialNo, chip.CertificateSha256)]), "alice", Ct);
        Assert.True(imported.IsSuccess, imported.Error?.Message);
        Assert.Equal(DeviceState.Quarantined, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);
        Assert.Equal(DeviceRepositoryErrors.ApprovalBySameAdministrator, (await whitelist.ApproveAsync(batchId, "alice", Ct)).Error);
        var approved = await whitelist.ApproveAsync(batchId, "bob", Ct);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal(WhitelistBatchState.Approved, approved.Value.State);

        var readmitted = (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!;
        Assert.Equal(DeviceState.Whitelisted, readmitted.State);
        Assert.Equal(chip.CertificateSha256, readmitted.FtmCertSha256);
        Assert.Equal(batchId, readmitted.BatchId);
        Assert.Null(readmitted.MgmtId);
        Assert.Equal(0, readmitted.LastSeq);
        Assert.Equal(before.Version + 1, readmitted.Version);
        var old = Assert.Single(await H.Store.ListForDeviceAsync(genuine.SerialNo, Ct));
        Assert.Equal((DeviceCertificateStatus.Revoked, "keyCompromise"), (old.Status, old.Reason));
        var audit = Assert.Single(H.Audit.Events, e => e.Operation == "device.whitelist.readmit" && e.Subject == genuine.SerialNo);
        Assert.Equal("bob", audit.Actor);
        Assert.Contains("from=Quarantined", audit.Detail, StringComparison.Ordinal);
        Assert.Contains("batch=" + batchId, audit.Detail, StringComparison.Ordinal);

        // The old chip no longer matches the whitelist; the new one enrols and confirms like a new device.
        using var stale = new SimulatedDevice(genuine.SerialNo, genuine.Ftm, genuine.ProviderId, genuine.Organization, H.Time);
        var refused = await H.Service.EnrolAsync(await stale.UplinkAsync(stale.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);
        Assert.Equal(EnrolmentErrors.EnrolmentRefused, refused.Error);
        using var provisioned = new SimulatedDevice(genuine.SerialNo, chip, genuine.ProviderId, genuine.Organization, H.Time);
        var enrolled = await H.EnrolAsync(provisioned);
        Assert.NotEqual(genuine.MgmtId, enrolled.MgmtId);
        Assert.True((await H.ConfirmAsync(provisioned)).IsSuccess);
        Assert.Equal(DeviceState.Active, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);

        var certificates = await H.Store.ListForDeviceAsync(genuine.SerialNo, Ct);
        Assert.Equal(DeviceCertificateStatus.Revoked, Assert.Single(certificates, c => c.CertSerial == oldCertificate).Status);
        Assert.Equal(provisioned.Certificate!.SerialNumber, Assert.Single(certificates, c => c.Status == DeviceCertificateStatus.Active).CertSerial);
        H.Time.Advance(TimeSpan.FromSeconds(5));
        var crl = CertificateRevocationListBuilder.Load(await H.Authority.Authority.GetCrlAsync(Ct), out _);
        Assert.True(crl.RemoveEntry(Convert.FromHexString(oldCertificate)));
        Assert.False(crl.RemoveEntry(Convert.FromHexString(provisioned.Certificate.SerialNumber)));
    }

    [Fact]
    public async Task A_deregistered_device_is_readmitted_from_Deregistered()
    {
        var whitelist = await WhitelistAsync();
        using var device = await ActiveDeviceAsync();
        var stored = (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!;
        Assert.True(await H.Store.TryUpdateDeviceAsync(stored with { State = DeviceState.Deregistered }, stored.Version, Ct));
        Assert.True(await H.Store.TryChangeStatusAsync(device.Certificate!.SerialNumber, DeviceCertificateStatus.Active, DeviceCertificateStatus.Revoked, "cessationOfOperation", H.Time.GetUtcNow(), Ct));

        var chip = H.Pki.IssueFtmChip(device.SerialNo);
        var batchId = BatchId();
        Assert.True((await whitelist.ImportAsync(H.Pki.SignBatch(batchId, [DeviceProviderPki.L1Entry(device.SerialNo, chip.CertificateSha256)]), "alice", Ct)).IsSuccess);
        Assert.True((await whitelist.ApproveAsync(batchId, "bob", Ct)).IsSuccess);

        var readmitted = (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!;
        Assert.Equal((DeviceState.Whitelisted, chip.CertificateSha256), (readmitted.State, readmitted.FtmCertSha256));
        var old = Assert.Single(await H.Store.ListForDeviceAsync(device.SerialNo, Ct));
        Assert.Equal((DeviceCertificateStatus.Revoked, "cessationOfOperation"), (old.Status, old.Reason));
        Assert.Contains(H.Audit.Events, e => e.Operation == "device.whitelist.readmit" && e.Subject == device.SerialNo && e.Detail!.Contains("from=Deregistered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_active_serial_in_a_batch_is_refused_and_nothing_changes()
    {
        var whitelist = await WhitelistAsync();
        using var device = await ActiveDeviceAsync();
        var snapshot = await H.SnapshotAsync(device.SerialNo);
        var batchId = BatchId();

        var imported = await whitelist.ImportAsync(
            H.Pki.SignBatch(batchId, [DeviceProviderPki.L1Entry(device.SerialNo, H.Pki.IssueFtmChip(device.SerialNo).CertificateSha256)]), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.BatchDuplicateSerial.Code, imported.Error?.Code);
        Assert.Equal(snapshot, await H.SnapshotAsync(device.SerialNo));
        Assert.Null(await H.Store.GetBatchAsync(batchId, Ct));
    }

    [Fact]
    public async Task A_quarantined_serial_in_two_open_batches_is_refused_the_second_time()
    {
        var whitelist = await WhitelistAsync();
        using var genuine = await ActiveDeviceAsync();
        await QuarantineByCloneAsync(genuine);
        var entry = DeviceProviderPki.L1Entry(genuine.SerialNo, H.Pki.IssueFtmChip(genuine.SerialNo).CertificateSha256);
        Assert.True((await whitelist.ImportAsync(H.Pki.SignBatch(BatchId(), [entry]), "alice", Ct)).IsSuccess);

        var second = await whitelist.ImportAsync(H.Pki.SignBatch(BatchId(), [entry]), "alice", Ct);

        Assert.Equal(DeviceRepositoryErrors.BatchDuplicateSerial.Code, second.Error?.Code);
    }

    [Fact]
    public async Task A_batch_approved_after_the_quarantined_device_changed_fails_whole()
    {
        var whitelist = await WhitelistAsync();
        using var genuine = await ActiveDeviceAsync();
        await QuarantineByCloneAsync(genuine);
        var fresh = "RA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        var batchId = BatchId();
        Assert.True((await whitelist.ImportAsync(
            H.Pki.SignBatch(batchId, [DeviceProviderPki.L1Entry(genuine.SerialNo, H.Pki.IssueFtmChip(genuine.SerialNo).CertificateSha256), DeviceProviderPki.L1Entry(fresh, H.Pki.IssueFtmChip(fresh).CertificateSha256)]),
            "alice",
            Ct)).IsSuccess);

        // Meanwhile the serial left Quarantined (an administrator's own repair): the batch must not overwrite it.
        var stored = (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!;
        Assert.True(await H.Store.TryUpdateDeviceAsync(stored with { State = DeviceState.Active }, stored.Version, Ct));
        var approved = await whitelist.ApproveAsync(batchId, "bob", Ct);

        Assert.Equal(DeviceRepositoryErrors.BatchDuplicateSerial.Code, approved.Error?.Code);
        Assert.Equal(WhitelistBatchState.Failed, (await H.Store.GetBatchAsync(batchId, Ct))!.State);
        Assert.Null(await H.Store.GetDeviceAsync(fresh, Ct));
        Assert.Equal(DeviceState.Active, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);
    }

    /// <summary>
    /// The whitelist and approval services (whitelist and L0 handlers) on the enrolment harness's store, revocations
    /// through <paramref name="aftermath"/> (by default the real one, hooks unconfigured); the PKI's provider and model registered.
    /// </summary>
    private async Task<WhitelistService> WhitelistAsync(IRevocationAftermath? aftermath = null)
    {
        var store = H.Store;
        var trust = new ChainProviderTrust(H.Time);

        // The harness is shared by the class: the provider may be registered already, its CA is this test's trust's own.
        Assert.True((await trust.UploadCaAsync(H.Pki.ProviderCa.Pem, "DEVICE", "alice", Ct)).IsSuccess);
        aftermath ??= new RevocationAftermath(new CrlPublisher(H.Authority.Authority), H.Log, new HookPublisher(store, new HookOptions(), H.Time, NullLogger<HookPublisher>.Instance));
        var approvals = new ApprovalService(
            store,
            [new WhitelistApprovalHandler(store, store, store, aftermath, H.Audit, H.Time), new L0EnrolmentApprovalHandler(H.Service, store, store, H.Time)],
            H.Audit,
            H.Time);
        var provider = await new ProviderService(store, trust, H.Audit, H.Time).AddAsync(new AddProviderRequest(H.Pki.ProviderId, H.Pki.Organization, "DEVICE", H.Pki.ProviderCa.Pem), "alice", Ct);
        Assert.True(provider.IsSuccess || provider.Error == DeviceRepositoryErrors.ProviderExists, provider.Error?.Message);
        var model = await new ModelService(store, store, H.Audit, H.Time).ApproveAsync(new DeviceModelDetail("MODEL-SLAP01", H.Pki.ProviderId, "Finger", "Slap", "MOSIP", "SLAP01"), "alice", Ct);
        Assert.True(model.IsSuccess || model.Error == DeviceRepositoryErrors.ModelExists, model.Error?.Message);
        return new WhitelistService(store, store, store, trust, approvals, H.Audit, new DeviceRepositoryOptions(), H.Time);
    }

    private async Task<SimulatedDevice> ActiveDeviceAsync()
    {
        var device = await H.L1DeviceAsync("RA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)));
        await H.EnrolAsync(device);
        Assert.True((await H.ConfirmAsync(device)).IsSuccess);
        return device;
    }

    /// <summary>An authenticated conflicting claim (same FTM chip, another key) quarantines the serial.</summary>
    private async Task QuarantineByCloneAsync(SimulatedDevice genuine)
    {
        using var clone = new SimulatedDevice(genuine.SerialNo, genuine.Ftm, genuine.ProviderId, genuine.Organization, H.Time);
        await H.Service.EnrolAsync(await clone.UplinkAsync(clone.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);
        Assert.Equal(DeviceState.Quarantined, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);
    }

    private static string BatchId() => "RB-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}
