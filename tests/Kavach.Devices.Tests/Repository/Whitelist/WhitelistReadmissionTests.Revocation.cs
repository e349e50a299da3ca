using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Hooks;
using Kavach.Devices.Policy;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Repository.Whitelist;
using Kavach.Devices.Tests.Deregistration;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Devices.Tests.Hooks;
using Kavach.Devices.Transparency;
using Kavach.Keys.Certificates;
using Kavach.Testing.Devices;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Repository.Whitelist;

/// <summary>
/// The certificates a re-admission revokes go through the one revocation path (<see cref="IRevocationAftermath"/>):
/// the CRL, the transparency log, and the PMS deactivation and IDA hotlist hooks, each once, also when the server died
/// between the batch's commit and the batch's approval. And a re-admitted L0 device enrols again.
/// </summary>
public sealed partial class WhitelistReadmissionTests
{
    [Fact]
    public async Task A_readmission_revokes_the_old_certificate_into_the_CRL_the_transparency_log_and_each_hook_once()
    {
        await using var stub = await HookStubServer.StartAsync(await RootAsync(), H.Time);
        var crl = new CrlPublisher(H.Authority.Authority);
        var whitelist = await WhitelistAsync(Aftermath(stub, crl));
        using var genuine = await ActiveDeviceAsync();
        var oldCertificate = genuine.Certificate!.SerialNumber;
        await QuarantineByCloneAsync(genuine);

        await ReadmitL1Async(whitelist, genuine.SerialNo);

        // The CRL was republished by the re-admission itself, with the old certificate in it.
        Assert.Equal(1, crl.Published);
        Assert.True(CertificateRevocationListBuilder.Load(crl.Last!, out _).RemoveEntry(Convert.FromHexString(oldCertificate)));
        await AssertLoggedAsync(genuine.SerialNo, oldCertificate, "keyCompromise");
        await AssertHooksOnceAsync(stub, genuine.SerialNo, oldCertificate, "compromised");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_crash_between_the_batch_commit_and_its_approval_neither_loses_nor_repeats_the_revocation_record(bool afterRecording)
    {
        await using var stub = await HookStubServer.StartAsync(await RootAsync(), H.Time);
        var aftermath = new RecordingRevocationAftermath(Aftermath(stub, new CrlPublisher(H.Authority.Authority))) { FailNext = afterRecording };
        var whitelist = await WhitelistAsync(aftermath);
        using var genuine = await ActiveDeviceAsync();
        var oldCertificate = genuine.Certificate!.SerialNumber;
        await QuarantineByCloneAsync(genuine);
        var batchId = BatchId();
        Assert.True((await whitelist.ImportAsync(H.Pki.SignBatch(batchId, [DeviceProviderPki.L1Entry(genuine.SerialNo, H.Pki.IssueFtmChip(genuine.SerialNo).CertificateSha256)]), "alice", Ct)).IsSuccess);

        await Assert.ThrowsAsync<InvalidOperationException>(() => whitelist.ApproveAsync(batchId, "bob", Ct));
        Assert.Equal(WhitelistBatchState.Pending, (await H.Store.GetBatchAsync(batchId, Ct))!.State);
        Assert.Equal(DeviceState.Whitelisted, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);

        // The approval is open again: approving it re-runs the handler, which finishes (or finds finished) the record.
        H.Time.Advance(TimeSpan.FromMinutes(1));
        var approved = await whitelist.ApproveAsync(batchId, "bob", Ct);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal(WhitelistBatchState.Approved, approved.Value.State);
        var call = Assert.Single(aftermath.Calls);
        Assert.Equal((genuine.SerialNo, oldCertificate, "keyCompromise"), (call.SerialNo, Assert.Single(call.CertSerials), call.Reason));
        await AssertLoggedAsync(genuine.SerialNo, oldCertificate, "keyCompromise");
        await AssertHooksOnceAsync(stub, genuine.SerialNo, oldCertificate, "compromised");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_readmitted_L0_device_enrols_again_with_a_new_key_or_a_one_time_secret_after_four_eyes(bool withSecret)
    {
        var crl = new CrlPublisher(H.Authority.Authority);
        var whitelist = await WhitelistAsync(new RevocationAftermath(crl, H.Log, new HookPublisher(H.Store, new HookOptions(), H.Time, NullLogger<HookPublisher>.Instance)));
        var serial = "RL" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        using var first = await H.L0DeviceAsync(serial);
        Assert.Equal(EnrolmentErrors.AwaitingApproval, (await H.Service.EnrolAsync(await L0EnrolmentAsync(first, null), Context, Ct)).Error);
        await ApproveL0Async(serial);
        EnrolmentHarness.Accept(first, await H.Service.EnrolAsync(await L0EnrolmentAsync(first, null), Context, Ct));
        Assert.True((await H.ConfirmAsync(first)).IsSuccess);
        var oldCertificate = first.Certificate!.SerialNumber;

        // Quarantined with its certificate still live (as a clone alert leaves it); fresh provisioning: a new key.
        var stored = (await H.Store.GetDeviceAsync(serial, Ct))!;
        Assert.True(await H.Store.TryUpdateDeviceAsync(stored with { State = DeviceState.Quarantined, Version = stored.Version + 1 }, stored.Version, Ct));
        using var reprovisioned = new SimulatedDevice(serial, null, H.Pki.ProviderId, H.Pki.Organization, H.Time);
        var secret = L0Secret.Create();
        var entry = withSecret ? DeviceProviderPki.L0SecretEntry(serial, L0Secret.Sha256Of(secret)) : DeviceProviderPki.L0Entry(serial, reprovisioned.DeviceKeySpki);
        var batchId = BatchId();
        Assert.True((await whitelist.ImportAsync(H.Pki.SignBatch(batchId, [entry]), "alice", Ct)).IsSuccess);
        Assert.True((await whitelist.ApproveAsync(batchId, "bob", Ct)).IsSuccess);
        Assert.Equal(1, crl.Published);
        Assert.True(CertificateRevocationListBuilder.Load(crl.Last!, out _).RemoveEntry(Convert.FromHexString(oldCertificate)));

        // The old key no longer matches the whitelist, with or without approval.
        await EnrolmentAssert.RefusedAsync(H, serial, async () => await H.Service.EnrolAsync(await L0EnrolmentAsync(first, null), Context, Ct));

        var proof = withSecret ? secret : null;
        Assert.Equal(EnrolmentErrors.AwaitingApproval, (await H.Service.EnrolAsync(await L0EnrolmentAsync(reprovisioned, proof), Context, Ct)).Error);
        await ApproveL0Async(serial);
        var delivered = await H.Service.EnrolAsync(await L0EnrolmentAsync(reprovisioned, null), Context, Ct);
        Assert.True(delivered.IsSuccess, delivered.Error?.Message);
        EnrolmentHarness.Accept(reprovisioned, delivered);
        Assert.True((await H.ConfirmAsync(reprovisioned)).IsSuccess);

        var device = (await H.Store.GetDeviceAsync(serial, Ct))!;
        Assert.Equal((DeviceState.Active, reprovisioned.DeviceKeySpki, null), (device.State, device.L0KeySha256, device.L0SecretSha256));
        var certificates = await H.Store.ListForDeviceAsync(serial, Ct);
        var old = Assert.Single(certificates, c => c.CertSerial == oldCertificate);
        Assert.Equal((DeviceCertificateStatus.Revoked, "keyCompromise"), (old.Status, old.Reason));
        Assert.Equal(reprovisioned.Certificate!.SerialNumber, Assert.Single(certificates, c => c.Status == DeviceCertificateStatus.Active).CertSerial);
    }

    private async Task ReadmitL1Async(WhitelistService whitelist, string serialNo)
    {
        var batchId = BatchId();
        Assert.True((await whitelist.ImportAsync(H.Pki.SignBatch(batchId, [DeviceProviderPki.L1Entry(serialNo, H.Pki.IssueFtmChip(serialNo).CertificateSha256)]), "alice", Ct)).IsSuccess);
        var approved = await whitelist.ApproveAsync(batchId, "bob", Ct);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
    }

    private async Task ApproveL0Async(string serialNo)
    {
        var approvals = new ApprovalService(H.Store, [new L0EnrolmentApprovalHandler(H.Service, H.Store, H.Store, H.Time)], H.Audit, H.Time);
        var request = await approvals.RequestAsync(ApprovalKind.L0Enrolment, serialNo, "{}", "alice", Ct);
        Assert.True((await approvals.ApproveAsync(request.Value!.Id, "bob", Ct)).IsSuccess);
    }

    private async Task<string> L0EnrolmentAsync(SimulatedDevice device, string? secret) =>
        await device.UplinkAsync(device.EnrollBody(await H.NonceAsync(), purpose: "Registration") with { EnrolmentSecret = secret }, EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());

    /// <summary>The real revocation aftermath, its hooks pointed at <paramref name="stub"/>.</summary>
    private RevocationAftermath Aftermath(HookStubServer stub, IDeviceCaMaintenance crl) =>
        new(crl, H.Log, new HookPublisher(H.Store, HookOptions(stub), H.Time, NullLogger<HookPublisher>.Instance));

    private static HookOptions HookOptions(HookStubServer stub) => new()
    {
        PmsDeactivationUrl = stub.Url("/pms/devices/deactivate"),
        PmsRegistrationUrl = stub.Url("/pms/devices/register"),
        IdaHotlistUrl = stub.Url("/ida/hotlist/block"),
        InlineRetries = 0,
        InlineRetryDelay = TimeSpan.Zero,
    };

    private async Task<X509Certificate2> RootAsync() => (await H.Authority.Ring.GetCurrentAsync("ROOT", string.Empty, Ct)).Value.Certificate;

    /// <summary>Exactly one <c>certificate-revoked</c> leaf names the certificate, and it verifies as included under the signed tree head.</summary>
    private async Task AssertLoggedAsync(string serialNo, string certSerial, string reason)
    {
        var leaves = await H.Authority.Store.ReadLeavesAsync(0, 100_000, Ct);
        var leaf = Assert.Single(leaves, l => TransparencyEntryCodec.TryDecode(l.Leaf, out var e) && e.Kind == TransparencyEventKind.CertificateRevoked && e.CertSerial == certSerial);
        Assert.True(TransparencyEntryCodec.TryDecode(leaf.Leaf, out var entry));
        Assert.Equal((serialNo, reason), (entry.SerialNo, entry.Reason));
        var head = await H.Log.GetTreeHeadAsync(Ct);
        var proof = await H.Log.GetInclusionProofAsync(Convert.ToHexStringLower(leaf.LeafHash), head.TreeSize, Ct);
        Assert.True(proof.IsSuccess, proof.Error?.Message);
        Assert.Null(TransparencyVerifier.VerifyInclusion(head, (await H.Log.GetSigningCertificatesAsync(Ct))[0], proof.Value.Leaf, proof.Value.Proof));
    }

    /// <summary>The outbox sends everything due to the stub (signed, checked against ROOT there): one PMS deactivation and one hotlist block for the device.</summary>
    private async Task AssertHooksOnceAsync(HookStubServer stub, string serialNo, string certSerial, string reasonCode)
    {
        var key = new VaultSigningKey(HookSigner.SigningKeyApplicationId, "Kavach Device Hooks", 730, H.Authority.Ring, H.Store, H.Authority.Vault, new SubjectDefaults(), H.Time);
        using var http = new HttpClient();
        var dispatcher = new HookDispatcher(H.Store, new HookSigner(key), http, HookOptions(stub), H.Time, null, NullLogger<HookDispatcher>.Instance);
        await dispatcher.DeliverDueAsync(Ct);
        await dispatcher.DeliverDueAsync(Ct);

        Assert.Empty(stub.Refused);
        var hotlistId = DeviceHotlistId.Compute(serialNo, "MOSIP", "SLAP01");
        var deactivation = Assert.Single(stub.Accepted, a => a.Path == "/pms/devices/deactivate" && Encoding.UTF8.GetString(a.Body).Contains(serialNo, StringComparison.Ordinal));
        Assert.Contains(certSerial, Encoding.UTF8.GetString(deactivation.Body), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reasonCode, Encoding.UTF8.GetString(deactivation.Body), StringComparison.Ordinal);
        Assert.Single(stub.Accepted, a => a.Path == "/ida/hotlist/block" && Encoding.UTF8.GetString(a.Body).Contains(hotlistId, StringComparison.Ordinal));
        Assert.All(await H.Store.ListDeliveriesAsync(serialNo, Ct), d => Assert.Equal(HookDeliveryState.Delivered, d.State));
    }
}
