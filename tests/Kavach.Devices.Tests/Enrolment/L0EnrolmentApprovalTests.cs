using System.Security.Cryptography;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Tests.Enrolment.Support;

namespace Kavach.Devices.Tests.Enrolment;

/// <summary>The L0 exception's four-eyes step (spec §4.5): kind <c>L0Enrolment</c> through the repository's approvals.</summary>
public sealed class L0EnrolmentApprovalTests(EnrolmentFixture fixture) : IClassFixture<EnrolmentFixture>
{
    private static readonly EnrolmentRequestContext Context = new(EnrolmentHarness.EnrollUrl);

    private EnrolmentHarness H => fixture.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    private ApprovalService Approvals => new(
        H.Store,
        [new L0EnrolmentApprovalHandler(H.Service, H.Store, H.Store, H.Time)],
        H.Audit,
        H.Time);

    [Fact]
    public async Task A_second_administrator_approves_and_the_device_gets_its_certificate_on_its_next_call()
    {
        using var device = await PendingL0DeviceAsync();
        var approvals = Approvals;
        var request = await approvals.RequestAsync(ApprovalKind.L0Enrolment, device.SerialNo, "{}", "alice", Ct);
        Assert.True(request.IsSuccess, request.Error?.Message);

        var alone = await approvals.ApproveAsync(request.Value!.Id, "alice", Ct);

        Assert.False(alone.IsSuccess);
        Assert.Equal(DeviceState.PendingApproval, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
        Assert.Empty(await H.Store.ListForDeviceAsync(device.SerialNo, Ct));

        var approved = await approvals.ApproveAsync(request.Value.Id, "bob", Ct);

        Assert.True(approved.IsSuccess, approved.Error?.Message);
        var pending = Assert.Single(await H.Store.ListForDeviceAsync(device.SerialNo, Ct));
        Assert.Equal(DeviceCertificateStatus.Pending, pending.Status);
        Assert.Equal(device.DeviceKeySpki, pending.SpkiSha256, ignoreCase: true);
        Assert.Contains(H.Audit.Events, e => e.Operation == "device.enrol.approve-l0" && e.Actor == "bob" && e.Subject == device.SerialNo);
        var delivered = await EnrolAsync(device);
        Assert.True(delivered.IsSuccess, delivered.Error?.Message);
        EnrolmentHarness.Accept(device, delivered);
        Assert.Equal(pending.CertSerial, device.Certificate!.SerialNumber);
    }

    [Fact]
    public async Task A_rejected_L0_enrolment_puts_the_device_back_to_whitelisted_with_nothing_issued()
    {
        using var device = await PendingL0DeviceAsync();
        var approvals = Approvals;
        var request = await approvals.RequestAsync(ApprovalKind.L0Enrolment, device.SerialNo, "{}", "alice", Ct);

        var rejected = await approvals.RejectAsync(request.Value!.Id, "bob", "unknown site", Ct);

        Assert.True(rejected.IsSuccess, rejected.Error?.Message);
        Assert.Equal(DeviceState.Whitelisted, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
        Assert.Null(await H.Store.GetL0RequestAsync(device.SerialNo, Ct));
        Assert.Empty(await H.Store.ListForDeviceAsync(device.SerialNo, Ct));
    }

    [Fact]
    public async Task Approving_an_L0_serial_that_never_asked_issues_nothing()
    {
        using var device = await H.L0DeviceAsync(Serial());
        var before = await H.SnapshotAsync(device.SerialNo);

        var approved = await H.Service.ApproveL0Async(device.SerialNo, "bob", Ct);

        Assert.Equal(EnrolmentErrors.NoPendingRequest, approved.Error);
        Assert.Equal(before, await H.SnapshotAsync(device.SerialNo));
    }

    [Fact]
    public async Task While_waiting_another_key_for_the_same_L0_serial_is_refused()
    {
        using var device = await PendingL0DeviceAsync();
        using var other = RSA.Create(2048);
        var csr = device.Csr(other);

        await EnrolmentAssert.RefusedAsync(
            H,
            device.SerialNo,
            async () => await H.Service.EnrolAsync(await device.UplinkAsync(device.EnrollBody(await H.NonceAsync(), csr, purpose: "Registration"), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct));
    }

    private async Task<SimulatedDevice> PendingL0DeviceAsync()
    {
        var device = await H.L0DeviceAsync(Serial());
        Assert.Equal(EnrolmentErrors.AwaitingApproval, (await EnrolAsync(device)).Error);
        Assert.Equal(DeviceState.PendingApproval, (await H.Store.GetDeviceAsync(device.SerialNo, Ct))!.State);
        return device;
    }

    private async Task<Keys.Errors.Result<string>> EnrolAsync(SimulatedDevice device) =>
        await H.Service.EnrolAsync(await device.UplinkAsync(device.EnrollBody(await H.NonceAsync(), purpose: "Registration"), EnrolmentHarness.EnrollUrl, await H.ServerKeyAsync()), Context, Ct);

    private static string Serial() => "L0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6));
}
