using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Authority;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>The enrolment flow (spec §4.5): challenge, L1 enrolment, two-phase confirm, retries, unconfirmed certificates.</summary>
public sealed class EnrolmentTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_challenge_is_a_signed_single_use_nonce_valid_five_minutes()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();

        var challenge = await harness.Service.IssueChallengeAsync(null, Ct);

        var payload = EnrolmentHarness.Downlink(challenge);
        Assert.Equal(MessageKinds.Challenge, payload.Kind);
        Assert.Null(payload.InResponseTo);
        Assert.True(ProtocolJson.TryRead(payload.Body, DeviceProtocolJsonContext.Default.ChallengeBody, out var body));
        Assert.True(ProtocolValues.IsNonce(body.Nonce));
        Assert.True(ProtocolTimestamp.TryParse(body.ServerTime, out var serverTime));
        Assert.True(ProtocolTimestamp.TryParse(body.Expires, out var expires));
        Assert.Equal(harness.Time.GetUtcNow(), serverTime);
        Assert.Equal(TimeSpan.FromMinutes(5), expires - serverTime);
        Assert.Contains(harness.Audit.Events, e => e.Operation == "device.enrol.challenge");
    }

    [Fact]
    public async Task An_L1_device_enrols_gets_the_spec_certificate_and_is_active_after_confirm()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000001");
        var message = await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync()), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync());

        var result = await harness.Service.EnrolAsync(message, new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        var response = EnrolmentHarness.Downlink(result.Value);
        Assert.Equal("SN0000000001", response.Aud);
        Assert.NotNull(response.InResponseTo);
        Assert.NotNull(response.DigitalId);
        var body = EnrolmentHarness.Accept(device, result);
        Assert.True(ProtocolValues.IsUuidV4(body.MgmtId));
        Assert.Equal(new DevicePolicy(900, 20, 30), body.Policy);
        Assert.Equal(3, body.CertChain.Count);

        // The CSR said CN=x,O=evil: the server set its own subject.
        var certificate = device.Certificate!;
        Assert.Equal("CN=SN0000000001, O=MOSIP", certificate.Subject);
        var ca = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body.CertChain[1]));
        var root = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(body.CertChain[2]));
        Assert.True(DeviceCertificateAuthorityTests.Chains(certificate, root, ca));
        var registered = await harness.Store.GetDeviceAsync("SN0000000001", Ct);
        Assert.Equal(DeviceState.PendingConfirm, registered!.State);
        Assert.Equal(body.MgmtId, registered.MgmtId);
        Assert.Equal(DeviceCertificateStatus.Pending, (await harness.Store.GetCertificateAsync(certificate.SerialNumber, Ct))!.Status);

        var confirmed = await harness.ConfirmAsync(device);

        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
        Assert.Equal(DeviceState.Active, (await harness.Store.GetDeviceAsync("SN0000000001", Ct))!.State);
        Assert.Equal(DeviceCertificateStatus.Active, (await harness.Store.GetCertificateAsync(certificate.SerialNumber, Ct))!.Status);
        Assert.Contains(harness.Audit.Events, e => e.Operation == "device.enrol.confirm" && e.Outcome == "OK" && e.Subject == "SN0000000001");
    }

    [Fact]
    public async Task A_retry_with_the_same_key_gets_the_same_pending_certificate()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000002");
        var first = await harness.EnrolAsync(device);

        var second = await harness.EnrolAsync(device);

        Assert.Equal(first.CertChain[0], second.CertChain[0]);
        Assert.Equal(first.MgmtId, second.MgmtId);
        Assert.Single(await harness.Store.ListForDeviceAsync("SN0000000002", Ct));
    }

    [Fact]
    public async Task Confirm_over_TLS_with_another_certificate_is_refused()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000003");
        await harness.EnrolAsync(device);
        var before = await harness.SnapshotAsync("SN0000000003");
        using var other = harness.Pki.IssueFtmChip("other").Certificate;

        var confirmed = await harness.ConfirmAsync(device, tlsCertificate: other);

        Assert.Equal(EnrolmentErrors.EnrolmentRefused, confirmed.Error);
        Assert.Equal(before, await harness.SnapshotAsync("SN0000000003"));
    }

    [Fact]
    public async Task Confirm_signed_with_the_FTM_key_instead_of_the_new_key_is_refused()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000004");
        await harness.EnrolAsync(device);
        var before = await harness.SnapshotAsync("SN0000000004");

        var confirmed = await harness.ConfirmAsync(device, tlsCertificate: device.Ftm!.Certificate, signerKey: device.Ftm.Key, signerCertificate: device.Ftm.Certificate);

        Assert.Equal(EnrolmentErrors.EnrolmentRefused, confirmed.Error);
        Assert.Equal(before, await harness.SnapshotAsync("SN0000000004"));
    }

    [Fact]
    public async Task Certificates_not_confirmed_within_24_hours_are_revoked_and_the_device_may_enrol_again()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000005");
        await harness.EnrolAsync(device);
        var serial = device.Certificate!.SerialNumber;

        await harness.NonceAsync();

        Assert.Equal(0, await harness.Service.RevokeUnconfirmedAsync(harness.Time.GetUtcNow().AddHours(23), Ct));
        harness.Time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await harness.Service.RevokeUnconfirmedAsync(harness.Time.GetUtcNow(), Ct));

        // The unused challenge nonce expired and went with the same run.
        Assert.Equal(0, await harness.Store.PurgeExpiredNoncesAsync(harness.Time.GetUtcNow(), Ct));

        var certificate = await harness.Store.GetCertificateAsync(serial, Ct);
        Assert.Equal(DeviceCertificateStatus.Revoked, certificate!.Status);
        Assert.Equal("cessationOfOperation", certificate.Reason);
        Assert.Equal(DeviceState.Whitelisted, (await harness.Store.GetDeviceAsync("SN0000000005", Ct))!.State);
        Assert.Contains(harness.Audit.Events, e => e.Operation == "device.enrol.revoke-unconfirmed" && e.Subject == "SN0000000005");

        // The CRL lists it, and the device enrols again with a new key.
        var crl = CertificateRevocationListBuilder.Load(await harness.Authority.Authority.GetCrlAsync(Ct), out _);
        Assert.True(crl.RemoveEntry(Convert.FromHexString(serial)));
        device.NewKey();
        await harness.EnrolAsync(device);
        Assert.Equal(DeviceState.PendingConfirm, (await harness.Store.GetDeviceAsync("SN0000000005", Ct))!.State);
    }

    [Fact]
    public async Task An_FTM_attested_re_enrolment_replaces_the_key_resets_seq_and_supersedes_the_old_certificate()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000006");
        await harness.EnrolAsync(device);
        Assert.True((await harness.ConfirmAsync(device)).IsSuccess);
        var oldSerial = device.Certificate!.SerialNumber;
        var mgmtId = device.MgmtId;

        // Reflashed: a new key, and the sequence starts again.
        device.NewKey();
        device.Seq = 0;
        var message = await device.UplinkAsync(new ReenrollBody(await harness.NonceAsync(), device.Csr(), "1.0.1", "1.0", ["0.9.5"]), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync());
        var result = await harness.Service.ReenrolAsync(message, new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        EnrolmentHarness.Accept(device, result);
        Assert.Equal(mgmtId, device.MgmtId);
        var pending = await harness.Store.GetDeviceAsync("SN0000000006", Ct);
        Assert.Equal(DeviceState.PendingConfirm, pending!.State);
        Assert.Equal(1, pending.LastSeq);

        Assert.True((await harness.ConfirmAsync(device)).IsSuccess);
        var history = await harness.Store.ListForDeviceAsync("SN0000000006", Ct);
        Assert.Equal(2, history.Count);
        var old = history.Single(c => c.CertSerial == oldSerial);
        Assert.Equal(DeviceCertificateStatus.Revoked, old.Status);
        Assert.Equal("superseded", old.Reason);
        Assert.Equal(DeviceCertificateStatus.Active, history.Single(c => c.CertSerial != oldSerial).Status);
        Assert.Equal(DeviceState.Active, (await harness.Store.GetDeviceAsync("SN0000000006", Ct))!.State);
    }

    [Fact]
    public async Task Re_enrolment_of_a_device_that_never_enrolled_is_refused()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000007");
        var before = await harness.SnapshotAsync("SN0000000007");
        var message = await device.UplinkAsync(new ReenrollBody(await harness.NonceAsync(), device.Csr(), "1.0.1", "1.0", ["0.9.5"]), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync());

        var result = await harness.Service.ReenrolAsync(message, new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.Equal(EnrolmentErrors.EnrolmentRefused, result.Error);
        Assert.Equal(before, await harness.SnapshotAsync("SN0000000007"));
    }

    [Fact]
    public async Task An_L0_device_waits_for_four_eyes_approval_then_gets_its_certificate_on_its_next_call()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L0DeviceAsync("L0SN00000001");
        var context = new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl);

        var first = await harness.Service.EnrolAsync(await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync(), purpose: "Registration"), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync()), context, Ct);

        Assert.Equal(EnrolmentErrors.AwaitingApproval, first.Error);
        Assert.Equal(DeviceState.PendingApproval, (await harness.Store.GetDeviceAsync("L0SN00000001", Ct))!.State);
        Assert.Empty(await harness.Store.ListForDeviceAsync("L0SN00000001", Ct));
        var again = await harness.Service.EnrolAsync(await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync(), purpose: "Registration"), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync()), context, Ct);
        Assert.Equal(EnrolmentErrors.AwaitingApproval, again.Error);

        var approved = await harness.Service.ApproveL0Async("L0SN00000001", "approver-2", Ct);

        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal(DeviceState.PendingConfirm, (await harness.Store.GetDeviceAsync("L0SN00000001", Ct))!.State);
        var delivered = await harness.Service.EnrolAsync(await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync(), purpose: "Registration"), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync()), context, Ct);
        Assert.True(delivered.IsSuccess, delivered.Error?.Message);
        EnrolmentHarness.Accept(device, delivered);
        Assert.Equal(approved.Value, device.Certificate!.SerialNumber);
        Assert.True((await harness.ConfirmAsync(device)).IsSuccess);
        Assert.Equal(DeviceState.Active, (await harness.Store.GetDeviceAsync("L0SN00000001", Ct))!.State);
        Assert.Contains(harness.Audit.Events, e => e.Operation == "device.enrol.approve-l0" && e.Actor == "approver-2" && e.Outcome == "OK");
    }

    [Fact]
    public async Task An_L0_request_signed_by_another_key_than_the_pre_registered_one_is_refused()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L0DeviceAsync("L0SN00000002");
        var before = await harness.SnapshotAsync("L0SN00000002");
        using var stranger = RSA.Create(2048);
        var strangerCertificate = new CertificateRequest("CN=stranger", stranger, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(harness.Time.GetUtcNow().AddDays(-1), harness.Time.GetUtcNow().AddYears(1));

        var result = await harness.Service.EnrolAsync(
            await device.UplinkAsync(
                device.EnrollBody(await harness.NonceAsync(), device.Csr(stranger), purpose: "Registration"),
                EnrolmentHarness.EnrollUrl,
                await harness.ServerKeyAsync(),
                digitalId: await device.DigitalIdAsync(signerCertificate: strangerCertificate, signerKey: stranger),
                signerCertificate: strangerCertificate,
                signerKey: stranger),
            new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl),
            Ct);

        Assert.Equal(EnrolmentErrors.EnrolmentRefused, result.Error);
        Assert.Equal(before, await harness.SnapshotAsync("L0SN00000002"));
    }

    [Fact]
    public async Task With_the_vault_unable_to_issue_enrolment_answers_not_available_and_writes_nothing()
    {
        var vault = new SwitchableVault(new Kavach.Testing.Keys.InMemoryKeyVault());
        await using var harness = await EnrolmentHarness.CreateAsync(vault);
        using var device = await harness.L1DeviceAsync("SN0000000009");
        var before = await harness.SnapshotAsync("SN0000000009");
        var message = await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync()), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync());
        vault.IssuingDown = true;

        var result = await harness.Service.EnrolAsync(message, new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.Equal(EnrolmentErrors.NotAvailable, result.Error);
        Assert.Equal(before, await harness.SnapshotAsync("SN0000000009"));
        Assert.Contains(harness.Audit.Events, e => e.Operation == "device.enrol" && e.Outcome == EnrolmentErrors.NotAvailable.Code);

        // Back up: the device asks again with a fresh nonce and enrols.
        vault.IssuingDown = false;
        await harness.EnrolAsync(device);
        Assert.Equal(DeviceState.PendingConfirm, (await harness.Store.GetDeviceAsync("SN0000000009", Ct))!.State);
    }
}
