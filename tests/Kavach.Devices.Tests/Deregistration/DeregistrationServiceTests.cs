using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kavach.Devices.Commands;
using Kavach.Devices.Deregistration;
using Kavach.Devices.Hooks;
using Kavach.Devices.Protocol;
using Kavach.Devices.Registry;
using Kavach.Devices.Repository.Approvals;
using Kavach.Devices.Transparency;

namespace Kavach.Devices.Tests.Deregistration;

/// <summary>De-registration at service level (spec §4.10, test plan §5.1 item 9): two approvals → command → ack → revocation → refused.</summary>
public sealed class DeregistrationServiceTests : IAsyncLifetime
{
    private DeregistrationFixture _f = null!;

    public async Task InitializeAsync() => _f = await DeregistrationFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Two_approvals_then_the_deregister_command_then_the_FTM_signed_ack_revoke_the_certificate_and_the_next_call_is_refused()
    {
        await _f.EnrolAsync();
        Assert.True((await _f.CheckinAsync(1)).IsSuccess);

        // One administrator's request changes nothing for the device; the same administrator cannot approve it.
        var requested = await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "returned to vendor", "admin-a", default);
        Assert.True(requested.IsSuccess, requested.Error?.Message);
        Assert.Equal(DeviceState.Active, (await _f.DeviceAsync()).State);
        Assert.False((await _f.Approvals.ApproveAsync(requested.Value.ApprovalId!, "admin-a", default)).IsSuccess);
        Assert.Equal(DeviceState.Active, (await _f.DeviceAsync()).State);

        var approved = await _f.Approvals.ApproveAsync(requested.Value.ApprovalId!, "admin-b", default);
        Assert.True(approved.IsSuccess, approved.Error?.Message);
        Assert.Equal(ApprovalState.Approved, approved.Value.State);
        var device = await _f.DeviceAsync();
        Assert.Equal(DeviceState.Deregistering, device.State);
        var record = (await _f.Service.GetAsync(requested.Value.Id, default)).Value;
        Assert.Equal(DeregistrationState.Deregistering, record.State);
        Assert.Equal("admin-b", record.ApprovedBy);
        Assert.Equal(_f.Time.GetUtcNow() + TimeSpan.FromDays(7), record.DeadlineAt);

        // The next check-in is still admitted and hands out deregister{reason}, and nothing else.
        Assert.True((await _f.CheckinAsync(2)).IsSuccess);
        var commands = await _f.Commands.TakePendingAsync(device, default);
        var command = Assert.Single(commands);
        Assert.Equal(OperationsCommandKinds.Deregister, command.Kind);
        Assert.Equal("returned to vendor", JsonDocument.Parse(command.Args).RootElement.GetProperty("reason").GetString());

        // The device zeroises its key and acknowledges with its FTM chip.
        _f.Advance(TimeSpan.FromMinutes(3));
        var ack = await _f.SendAckAsync(await _f.AckAsync(seq: 3));
        Assert.True(ack.IsSuccess, ack.Detail);
        Assert.Equal(DeviceState.Deregistered, ack.Value!.Device.State);
        Assert.Equal(DeregistrationOutcomes.Acknowledged, ack.Value.Deregistration.Outcome);

        var certificate = await _f.CertificateAsync();
        Assert.Equal(DeviceCertificateStatus.Revoked, certificate.Status);
        Assert.Equal("cessationOfOperation", certificate.Reason);
        Assert.Equal(DeviceState.Deregistered, (await _f.DeviceAsync()).State);
        var stored = (await _f.Service.GetAsync(requested.Value.Id, default)).Value;
        Assert.Equal(DeregistrationState.Completed, stored.State);
        Assert.Equal(DeregistrationOutcomes.Acknowledged, stored.Outcome);

        // CRL rebuilt with the serial and reason; log entries; PMS deactivation and IDA hotlist queued.
        AssertInCrl(_f.Crl.Last!, _f.CertSerial, X509RevocationReason.CessationOfOperation);
        var entries = await _f.LogEntriesAsync();
        Assert.Equal([TransparencyEventKind.CertificateRevoked, TransparencyEventKind.DeviceDeregistered], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal(_f.CertSerial, e.CertSerial));
        var hooks = await _f.Store.ListDeliveriesAsync(DeregistrationFixture.SerialNo, default);
        Assert.Equal([HookKind.PmsDeviceDeactivated, HookKind.IdaHotlistBlock], hooks.Select(h => h.Kind).Order());
        Assert.Contains(_f.Audit.Events, e => e.Operation == "device.deregister.ack" && e.Outcome == "OK");

        // The next device call is refused at the application: the certificate is revoked, the device Deregistered.
        var after = await _f.CheckinAsync(4);
        Assert.False(after.IsSuccess);
        Assert.Equal(MessageRefusal.CertificateStatus, after.Refusal);

        // And the same acknowledgement again changes nothing.
        var again = await _f.SendAckAsync(await _f.AckAsync(seq: 5));
        Assert.False(again.IsSuccess);
        Assert.Equal(2, (await _f.LogEntriesAsync()).Count);
    }

    [Fact]
    public async Task An_L0_device_acknowledges_with_its_device_key_through_the_gate()
    {
        await _f.EnrolAsync(certification: "L0");
        await _f.DeregisterAsync();
        var digitalId = await _f.Harness.DigitalIdAsync(signer: _f.Device);

        var ack = await _f.SendAckAsync(await _f.AckAsync(seq: 1, signer: _f.Device, digitalId: digitalId), tls: _f.Device);

        Assert.True(ack.IsSuccess, ack.Detail);
        Assert.Equal(DeviceState.Deregistered, (await _f.DeviceAsync()).State);
        Assert.Equal(DeviceCertificateStatus.Revoked, (await _f.CertificateAsync()).Status);
    }

    [Fact]
    public async Task Attack_forged_acknowledgements_are_refused_and_change_nothing()
    {
        await _f.EnrolAsync();
        var record = await _f.DeregisterAsync();
        var otherChip = _f.Harness.Pki.FtmChip("B");

        var forged = new List<string>
        {
            // An L1 ack signed with the device key (which is supposed to be gone) instead of the FTM chip.
            await _f.AckAsync(seq: 1, signer: _f.Device, digitalId: await _f.Harness.DigitalIdAsync(signer: _f.Device)),

            // Another genuine FTM chip (a clone's) signing for this serial.
            await _f.AckAsync(seq: 2, signer: otherChip, digitalId: await _f.Harness.DigitalIdAsync(signer: otherChip)),

            // Another certificate serial than the device's.
            await _f.AckAsync(seq: 3, certSerial: "0A0B0C0D"),

            // A zeroisation dated before the approval: an acknowledgement prepared in advance.
            await _f.AckAsync(seq: 4, zeroisedAt: record.ApprovedAt!.Value - TimeSpan.FromMinutes(10)),
        };

        MessageRefusal[] expected = [MessageRefusal.SignerCertificate, MessageRefusal.SignerCertificate, MessageRefusal.Payload, MessageRefusal.Payload];
        for (var i = 0; i < forged.Count; i++)
        {
            var result = await _f.SendAckAsync(forged[i], tls: _f.Device);
            Assert.False(result.IsSuccess);
            Assert.Equal("KER-DEV-001", result.Error!.Code);
            Assert.Equal(expected[i], result.Refusal);
        }

        Assert.Equal(DeviceState.Deregistering, (await _f.DeviceAsync()).State);
        Assert.Equal(DeviceCertificateStatus.Active, (await _f.CertificateAsync()).Status);
        Assert.Empty(await _f.LogEntriesAsync());
        Assert.Empty(await _f.Store.ListDeliveriesAsync(DeregistrationFixture.SerialNo, default));
        Assert.Equal(0, _f.Crl.Published);
        Assert.Equal(DeregistrationState.Deregistering, (await _f.Service.GetAsync(record.Id, default)).Value.State);
        Assert.Equal(4, _f.Audit.Events.Count(e => e.Operation == "device.deregister.ack" && e.Outcome == "KER-DEV-001"));
    }

    [Fact]
    public async Task Attack_an_acknowledgement_without_an_approved_deregistration_is_refused()
    {
        await _f.EnrolAsync();
        _ = await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "stolen?", "admin-a", default);

        var result = await _f.SendAckAsync(await _f.AckAsync(seq: 1));

        Assert.False(result.IsSuccess);
        Assert.Equal(MessageRefusal.DeviceState, result.Refusal);
        Assert.Equal(DeviceState.Active, (await _f.DeviceAsync()).State);
        Assert.Equal(DeviceCertificateStatus.Active, (await _f.CertificateAsync()).Status);
        Assert.True((await _f.CheckinAsync(2)).IsSuccess);
    }

    [Fact]
    public async Task Without_an_acknowledgement_the_certificate_is_revoked_once_the_seven_days_have_passed()
    {
        await _f.EnrolAsync();
        var record = await _f.DeregisterAsync();

        _f.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _f.Service.RevokeOverdueAsync(default));
        Assert.Equal(DeviceState.Deregistering, (await _f.DeviceAsync()).State);

        _f.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await _f.Service.RevokeOverdueAsync(default));
        Assert.Equal(0, await _f.Service.RevokeOverdueAsync(default));

        Assert.Equal(DeviceState.Deregistered, (await _f.DeviceAsync()).State);
        var certificate = await _f.CertificateAsync();
        Assert.Equal(DeviceCertificateStatus.Revoked, certificate.Status);
        Assert.Equal("cessationOfOperation", certificate.Reason);
        var stored = (await _f.Service.GetAsync(record.Id, default)).Value;
        Assert.Equal(DeregistrationOutcomes.Overdue, stored.Outcome);
        AssertInCrl(_f.Crl.Last!, _f.CertSerial, X509RevocationReason.CessationOfOperation);
        Assert.Contains(_f.Audit.Events, e => e.Operation == "device.deregister.overdue" && e.Actor == "SYSTEM");
    }

    [Fact]
    public async Task The_approval_handler_run_again_after_a_crash_queues_no_second_command()
    {
        await _f.EnrolAsync();
        var record = await _f.DeregisterAsync();
        var approval = (await _f.Approvals.GetAsync(record.ApprovalId!, default)).Value;

        var again = await _f.Handler.OnApprovedAsync(approval with { State = ApprovalState.Applying }, default);

        Assert.True(again.IsSuccess, again.Error?.Message);
        Assert.Single(await _f.Store.ListCommandsAsync(DeregistrationFixture.SerialNo, null, 10, default));
        Assert.Equal(record, (await _f.Service.GetAsync(record.Id, default)).Value);
        Assert.Equal(DeviceState.Deregistering, (await _f.DeviceAsync()).State);
    }

    [Fact]
    public async Task A_rejected_request_changes_nothing_and_a_new_one_may_follow()
    {
        await _f.EnrolAsync();
        var requested = await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "mistake", "admin-a", default);
        Assert.Equal(DeregistrationErrors.AlreadyOpen.Code, (await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "twice", "admin-c", default)).Error!.Code);

        Assert.True((await _f.Approvals.RejectAsync(requested.Value.ApprovalId!, "admin-b", "wrong device", default)).IsSuccess);

        Assert.Equal(DeregistrationState.Rejected, (await _f.Service.GetAsync(requested.Value.Id, default)).Value.State);
        Assert.Equal(DeviceState.Active, (await _f.DeviceAsync()).State);
        Assert.Empty(await _f.Store.ListCommandsAsync(DeregistrationFixture.SerialNo, DeviceCommandState.Queued, 10, default));
        Assert.True((await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "now for real", "admin-a", default)).IsSuccess);
    }

    [Fact]
    public async Task Requests_for_unknown_or_inactive_devices_and_bad_input_are_refused()
    {
        Assert.Equal("KER-DEV-126", (await _f.Service.RequestAsync("SN-UNKNOWN", "x", "admin-a", default)).Error!.Code);
        Assert.Equal("KER-DEV-125", (await _f.Service.RequestAsync("bad serial!", "x", "admin-a", default)).Error!.Code);
        Assert.Equal("KER-DEV-125", (await _f.Service.RequestAsync("SN1", new string('r', 201), "admin-a", default)).Error!.Code);
        await _f.EnrolAsync();
        await _f.DeregisterAsync();
        Assert.Equal("KER-DEV-127", (await _f.Service.RequestAsync(DeregistrationFixture.SerialNo, "again", "admin-a", default)).Error!.Code);
    }

    internal static void AssertInCrl(byte[] crl, string certSerial, X509RevocationReason reason)
    {
        var entries = CrlEntries.Read(crl);
        Assert.True(entries.TryGetValue(certSerial.TrimStart('0'), out var listed), "serial not in the CRL");
        Assert.Equal(reason, listed);
    }
}
