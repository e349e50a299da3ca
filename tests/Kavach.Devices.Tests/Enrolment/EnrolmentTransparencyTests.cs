using Kavach.Devices.Enrolment;
using Kavach.Devices.Hooks;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Enrolment.Support;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>Spec §4.13.6: no device certificate exists outside the transparency log.</summary>
public sealed class EnrolmentTransparencyTests
{
    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_certificate_an_enrolment_hands_out_is_in_the_transparency_log_with_the_device_and_its_chip()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000101");
        var message = await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync()), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync());

        var result = await harness.Service.EnrolAsync(message, new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.True(result.IsSuccess, result.Error?.Message);
        EnrolmentHarness.Accept(device, result);
        var leaf = Assert.Single(await harness.Store.ReadLeavesAsync(0, 10, Ct));
        Assert.True(TransparencyEntryCodec.TryDecode(leaf.Leaf, out var entry));
        var registered = await harness.Store.GetDeviceAsync("SN0000000101", Ct);
        Assert.Equal(TransparencyEventKind.CertificateIssued, entry.Kind);
        Assert.Equal("SN0000000101", entry.SerialNo);
        Assert.Equal(device.Certificate!.SerialNumber, entry.CertSerial);
        Assert.Equal(registered!.FtmCertSha256!.ToLowerInvariant(), entry.FtmCertSha256);
        Assert.Null(entry.PreviousCertSerial);
        Assert.Equal(1, (await harness.Log.GetTreeHeadAsync(Ct)).TreeSize);
    }

    [Fact]
    public async Task A_confirmed_device_is_queued_for_registration_in_PMS_once_and_not_before_its_confirm()
    {
        await using var harness = await EnrolmentHarness.CreateAsync();
        using var device = await harness.L1DeviceAsync("SN0000000103");
        await harness.EnrolAsync(device);
        Assert.Empty(await harness.Store.ListDeliveriesAsync("SN0000000103", Ct));

        Assert.True((await harness.ConfirmAsync(device)).IsSuccess);

        var delivery = Assert.Single(await harness.Store.ListDeliveriesAsync("SN0000000103", Ct));
        Assert.Equal(HookKind.PmsDeviceRegistered, delivery.Kind);
        Assert.Contains(device.Certificate!.SerialNumber, System.Text.Encoding.UTF8.GetString(delivery.Body), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_the_transparency_log_down_enrolment_is_not_available_and_no_certificate_is_left_usable()
    {
        await using var harness = await EnrolmentHarness.CreateAsync(logDown: true);
        using var device = await harness.L1DeviceAsync("SN0000000102");
        var message = await device.UplinkAsync(device.EnrollBody(await harness.NonceAsync()), EnrolmentHarness.EnrollUrl, await harness.ServerKeyAsync());

        var result = await harness.Service.EnrolAsync(message, new EnrolmentRequestContext(EnrolmentHarness.EnrollUrl), Ct);

        Assert.Equal(EnrolmentErrors.NotAvailable.Code, result.Error?.Code);
        Assert.Equal(DeviceState.Whitelisted, (await harness.Store.GetDeviceAsync("SN0000000102", Ct))!.State);
        var certificates = await harness.Store.ListForDeviceAsync("SN0000000102", Ct);
        Assert.NotEmpty(certificates);
        Assert.All(certificates, c => Assert.Equal(DeviceCertificateStatus.Revoked, c.Status));
        Assert.Empty(await harness.Store.ReadLeavesAsync(0, 10, Ct));
    }
}
