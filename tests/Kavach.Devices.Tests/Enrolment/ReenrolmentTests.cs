using System.Security.Cryptography;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>FTM-attested re-enrolment (spec §4.13.2): allowed from Active and Expired only, for the device's own mgmtId.</summary>
public sealed class ReenrolmentTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_device_offline_past_its_certificate_expiry_re_enrols_with_its_FTM_key()
    {
        using var device = await ActiveDeviceAsync();
        var registered = (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!;
        Assert.True(await H.Store.TryUpdateDeviceAsync(registered with { State = DeviceState.Expired }, registered.Version, Ct));
        device.NewKey();

        var result = await ReenrolAsync(device);

        Assert.True(result.IsSuccess, result.Error?.Message);
        EnrolmentHarness.Accept(device, result);
        Assert.Equal(DeviceState.PendingConfirm, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
        Assert.True((await H.ConfirmAsync(device)).IsSuccess);
        Assert.Equal(DeviceState.Active, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
    }

    [Fact]
    public async Task A_re_enrolment_while_a_certificate_waits_for_confirmation_is_refused()
    {
        using var device = await H.L1DeviceAsync(Serial());
        await H.EnrolAsync(device);
        device.NewKey();

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => ReenrolAsync(device), "device.reenrol");
    }

    [Fact]
    public async Task A_re_enrolment_naming_another_devices_mgmtId_is_refused()
    {
        using var device = await ActiveDeviceAsync();
        device.NewKey();
        device.MgmtId = Guid.NewGuid().ToString("D");

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => ReenrolAsync(device), "device.reenrol");
    }

    [Fact]
    public async Task A_re_enrolment_reusing_the_active_key_is_refused()
    {
        using var device = await ActiveDeviceAsync();

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, () => ReenrolAsync(device), "device.reenrol");
    }

    private async Task<Keys.Errors.Result<string>> ReenrolAsync(SimulatedDevice device) =>
        await H.Service.ReenrolAsync(
            await device.UplinkAsync(new ReenrollBody(await H.NonceAsync(), device.Csr(), "1.0.1", "1.0", ["0.9.5"]), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()),
            Context,
            Ct);

    private async Task<SimulatedDevice> ActiveDeviceAsync()
    {
        var device = await H.L1DeviceAsync(Serial());
        await H.EnrolAsync(device);
        Assert.True((await H.ConfirmAsync(device)).IsSuccess);
        return device;
    }

    private static string Serial() => "RE" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}
