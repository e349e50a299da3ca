using System.Security.Cryptography;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>
/// The L0 exception's one-time enrolment secret (spec §4.5): the whitelist holds its hash, the device proves it inside its
/// signed enrolment beside the nonce, the first valid use consumes it, and four eyes still approve.
/// </summary>
public sealed class L0EnrolmentSecretTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_one_time_secret_enrols_an_L0_device_after_four_eyes_approval_and_is_consumed()
    {
        var (device, secret) = await SecretDeviceAsync();
        using var _ = device;

        Assert.Equal(EnrolmentErrors.AwaitingApproval, (await H.Service.EnrolAsync(await EnrolmentAsync(device, secret), Context, Ct)).Error);

        var stored = await H.Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.Equal((DeviceState.PendingApproval, device.DeviceKeySpki, null), (stored!.State, stored.L0KeySha256, stored.L0SecretSha256));
        Assert.Contains(H.Audit.Events, e => e.Subject == device.SerialNo && e.Detail!.Contains("secret_consumed", StringComparison.Ordinal));
        var approvals = new ApprovalService(H.Store, [new L0EnrolmentApprovalHandler(H.Service, H.Store, H.Store, H.Time)], H.Audit, H.Time);
        var request = await approvals.RequestAsync(ApprovalKind.L0Enrolment, device.SerialNo, "{}", "alice", Ct);
        Assert.True((await approvals.ApproveAsync(request.Value!.Id, "bob", Ct)).IsSuccess);

        // After the approval the device is known by its key: its next call, with a fresh nonce and no secret, gets the certificate.
        var delivered = await H.Service.EnrolAsync(await EnrolmentAsync(device, null), Context, Ct);
        Assert.True(delivered.IsSuccess, delivered.Error?.Message);
        EnrolmentHarness.Accept(device, delivered);
        Assert.True((await H.ConfirmAsync(device)).IsSuccess);
        Assert.Equal(DeviceState.Active, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
    }

    [Fact]
    public async Task Attack_a_wrong_or_missing_secret_is_refused()
    {
        var (device, _) = await SecretDeviceAsync();
        using var owned = device;

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, async () => await H.Service.EnrolAsync(await EnrolmentAsync(device, L0Secret.Create()), Context, Ct));
        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, async () => await H.Service.EnrolAsync(await EnrolmentAsync(device, null), Context, Ct));
        Assert.Contains("secret", H.Audit.Events[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attack_a_reused_secret_is_refused_even_after_a_rejected_approval()
    {
        var (device, secret) = await SecretDeviceAsync();
        using var owned = device;
        Assert.Equal(EnrolmentErrors.AwaitingApproval, (await H.Service.EnrolAsync(await EnrolmentAsync(device, secret), Context, Ct)).Error);
        using var thief = new SimulatedDevice(device.SerialNo, null, H.Pki.ProviderId, H.Pki.Organization, H.Time);

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, async () => await H.Service.EnrolAsync(await EnrolmentAsync(thief, secret), Context, Ct));

        var approvals = new ApprovalService(H.Store, [new L0EnrolmentApprovalHandler(H.Service, H.Store, H.Store, H.Time)], H.Audit, H.Time);
        var request = await approvals.RequestAsync(ApprovalKind.L0Enrolment, device.SerialNo, "{}", "alice", Ct);
        Assert.True((await approvals.RejectAsync(request.Value!.Id, "bob", "not ours", Ct)).IsSuccess);
        Assert.Equal(DeviceState.Whitelisted, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, async () => await H.Service.EnrolAsync(await EnrolmentAsync(thief, secret), Context, Ct));
    }

    [Fact]
    public async Task Attack_the_secret_of_another_serial_is_refused()
    {
        var (device, _) = await SecretDeviceAsync();
        var (other, otherSecret) = await SecretDeviceAsync();
        using var owned = device;
        using var ownedOther = other;

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, async () => await H.Service.EnrolAsync(await EnrolmentAsync(device, otherSecret), Context, Ct));

        Assert.Equal(L0Secret.Sha256Of(otherSecret), (await H.Store.GetDeviceAsync(other.SerialNo, Ct))!.L0SecretSha256);
    }

    [Fact]
    public async Task Attack_a_captured_secret_enrolment_replayed_is_refused()
    {
        var (device, secret) = await SecretDeviceAsync();
        using var owned = device;
        var captured = await EnrolmentAsync(device, secret);
        Assert.Equal(EnrolmentErrors.AwaitingApproval, (await H.Service.EnrolAsync(captured, Context, Ct)).Error);

        await EnrolmentAssert.RefusedAsync(H, device.SerialNo, async () => await H.Service.EnrolAsync(captured, Context, Ct));

        Assert.Contains("nonce", H.Audit.Events[^1].Detail, StringComparison.Ordinal);
    }

    private async Task<(SimulatedDevice Device, string Secret)> SecretDeviceAsync()
    {
        var serial = "L0S" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
        var secret = L0Secret.Create();
        Assert.True(await H.Store.TryInsertDevicesAsync(
            [new DeviceRecord(serial, null, H.Pki.ProviderId, "MOSIP", "SLAP01", "Finger", "Slap", "L0", "Registration", "Staging", null, null, DeviceState.Whitelisted, 0, null, null, 0, false, "batch-1", H.Time.GetUtcNow(), 0, L0Secret.Sha256Of(secret))],
            Ct));
        return (new SimulatedDevice(serial, null, H.Pki.ProviderId, H.Pki.Organization, H.Time), secret);
    }

    private async Task<string> EnrolmentAsync(SimulatedDevice device, string? secret) =>
        await device.UplinkAsync(device.EnrollBody(await H.NonceAsync(), purpose: "Registration") with { EnrolmentSecret = secret }, EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync());
}
