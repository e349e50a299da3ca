using System.Security.Cryptography;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>
/// Spec §5.3 clone attack and §4.13.2: a device is quarantined, with an alert, only on an authenticated conflicting claim
/// — a valid FTM signature over a fresh nonce of ours for an active serial with another device key — never on a bare
/// serial or a replayed claim.
/// </summary>
public sealed class EnrolmentCloneTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Clone_a_second_device_with_the_same_serial_and_FTM_chip_but_another_key_is_quarantined_and_alerted()
    {
        using var genuine = await ActiveDeviceAsync();
        using var clone = new SimulatedDevice(genuine.SerialNo, genuine.Ftm, genuine.ProviderId, genuine.Organization, H.Time);
        var activeCertificate = genuine.Certificate!.SerialNumber;
        var audited = H.Audit.Events.Count;

        var result = await H.Service.EnrolAsync(await clone.UplinkAsync(clone.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);

        Assert.Equal(EnrolmentErrors.EnrolmentRefused, result.Error);
        Assert.Equal(DeviceState.Quarantined, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);
        var alert = Assert.Single(H.Audit.Events.Skip(audited), e => e.Operation == "device.clone-alert");
        Assert.Equal("ALERT", alert.Outcome);
        Assert.Equal(genuine.SerialNo, alert.Subject);

        // No certificate for the clone's key; the genuine certificate is left for the administrator's decision.
        Assert.Null(await H.Store.FindBySpkiAsync(clone.DeviceKeySpki, Ct));
        var certificates = await H.Store.ListForDeviceAsync(genuine.SerialNo, Ct);
        Assert.Equal(activeCertificate, Assert.Single(certificates).CertSerial);
    }

    [Fact]
    public async Task Clone_a_bare_serial_without_a_genuine_FTM_signature_never_quarantines_the_device()
    {
        using var genuine = await ActiveDeviceAsync();
        using var impostor = new SimulatedDevice(genuine.SerialNo, H.Pki.IssueFtmChip(genuine.SerialNo, issuer: H.Pki.RogueCa), genuine.ProviderId, genuine.Organization, H.Time);

        await EnrolmentAssert.RefusedAsync(
            H,
            genuine.SerialNo,
            async () => await H.Service.EnrolAsync(await impostor.UplinkAsync(impostor.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct));
        Assert.Equal(DeviceState.Active, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);
    }

    [Fact]
    public async Task Clone_an_FTM_signed_claim_over_a_forged_nonce_never_quarantines_the_device()
    {
        using var genuine = await ActiveDeviceAsync();
        using var clone = new SimulatedDevice(genuine.SerialNo, genuine.Ftm, genuine.ProviderId, genuine.Organization, H.Time);
        var forged = Kavach.Crypto.Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

        await EnrolmentAssert.RefusedAsync(
            H,
            genuine.SerialNo,
            async () => await H.Service.EnrolAsync(await clone.UplinkAsync(clone.EnrollBody(forged), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct));
    }

    [Fact]
    public async Task Clone_the_devices_own_captured_enrolment_replayed_after_it_is_active_never_quarantines_it()
    {
        var serial = Serial();
        using var genuine = await H.L1DeviceAsync(serial);
        var captured = await genuine.UplinkAsync(genuine.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());
        EnrolmentHarness.Accept(genuine, await H.Service.EnrolAsync(captured, Context, Ct));
        Assert.True((await H.ConfirmAsync(genuine)).IsSuccess);

        await EnrolmentAssert.RefusedAsync(H, serial, () => H.Service.EnrolAsync(captured, Context, Ct));
        Assert.Equal(DeviceState.Active, (await H.Store.GetDeviceAsync(serial, Ct))!.State);
    }

    [Fact]
    public async Task A_quarantined_device_can_neither_enrol_nor_re_enrol()
    {
        using var genuine = await ActiveDeviceAsync();
        using var clone = new SimulatedDevice(genuine.SerialNo, genuine.Ftm, genuine.ProviderId, genuine.Organization, H.Time);
        await H.Service.EnrolAsync(await clone.UplinkAsync(clone.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);
        Assert.Equal(DeviceState.Quarantined, (await H.Store.GetDeviceAsync(genuine.SerialNo, Ct))!.State);
        genuine.NewKey();

        await EnrolmentAssert.RefusedAsync(
            H,
            genuine.SerialNo,
            async () => await H.Service.ReenrolAsync(await genuine.UplinkAsync(new ReenrollBody(await H.NonceAsync(), genuine.Csr(), "1.0.1", "1.0", ["0.9.5"]), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct),
            "device.reenrol");
        await EnrolmentAssert.RefusedAsync(
            H,
            genuine.SerialNo,
            async () => await H.Service.EnrolAsync(await genuine.UplinkAsync(genuine.EnrollBody(await H.NonceAsync()), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct));
    }

    [Fact]
    public async Task A_re_enrolment_signed_by_a_rogue_FTM_chip_is_refused_and_the_active_device_untouched()
    {
        using var genuine = await ActiveDeviceAsync();
        using var impostor = new SimulatedDevice(genuine.SerialNo, H.Pki.IssueFtmChip(genuine.SerialNo, issuer: H.Pki.RogueCa), genuine.ProviderId, genuine.Organization, H.Time)
        {
            MgmtId = genuine.MgmtId,
        };

        await EnrolmentAssert.RefusedAsync(
            H,
            genuine.SerialNo,
            async () => await H.Service.ReenrolAsync(await impostor.UplinkAsync(new ReenrollBody(await H.NonceAsync(), impostor.Csr(), "1.0.1", "1.0", ["0.9.5"]), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct),
            "device.reenrol");
    }

    private async Task<SimulatedDevice> ActiveDeviceAsync()
    {
        var device = await H.L1DeviceAsync(Serial());
        await H.EnrolAsync(device);
        Assert.True((await H.ConfirmAsync(device)).IsSuccess);
        return device;
    }

    private static string Serial() => "CL" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}
