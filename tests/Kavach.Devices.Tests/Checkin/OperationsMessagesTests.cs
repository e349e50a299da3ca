using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Kavach.Crypto;
using Kavach.Devices.Checkin;
using Kavach.Devices.Commands;
using Kavach.Devices.Messaging;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Rotation;
using Kavach.Devices.Tests.Messaging;
using Kavach.Devices.Tests.Policy;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Devices.Tests.Time;
using Kavach.Devices.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Checkin;

/// <summary>
/// The operations routes end to end below HTTP: a device's sealed message, the message gate on the route, the route
/// handler, and the signed response checked by the device's own verifier (spec §5.1 items 4, 5, 7; §5.2 rotation).
/// </summary>
public sealed class OperationsMessagesTests : IAsyncLifetime
{
    private readonly List<IDeviceCommandObserver> _observers = [];
    private GateFixture _f = null!;
    private RecordingAudit _audit = null!;
    private FixedClockDiscipline _discipline = null!;
    private DeviceCommandService _commands = null!;
    private KeyRotationService _rotation = null!;
    private OperationsMessages _messages = null!;
    private long _deviceSeq;
    private long _serverSeq;

    private ProtocolHarness H => _f.Harness;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        _f = new GateFixture();
        _audit = new RecordingAudit();
        _discipline = FixedClockDiscipline.Synchronised(20);
        var store = _f.Store;
        _commands = new DeviceCommandService(store, store, _audit, new DeviceCommandSignals(), _observers, H.Clock, new DeviceCommandOptions(), NullLogger<DeviceCommandService>.Instance);
        _rotation = new KeyRotationService(_commands, store, store, store, new PkiRotationIssuer(H.Pki, H.Clock), _audit, H.Clock, new DevicePolicyOptions(), NullLogger<KeyRotationService>.Instance);
        _observers.Add(_rotation);
        var checkin = new CheckinService(store, _commands, _rotation, null, H.Writer, _audit, H.Clock, new CheckinOptions(), new DevicePolicyOptions(), NullLogger<CheckinService>.Instance);
        var time = new TrustedTimeService(_discipline, new TrustedTimeOptions(), _audit, H.Clock, NullLogger<TrustedTimeService>.Instance);
        _messages = new OperationsMessages(checkin, _commands, time, _rotation, H.Writer);
        await _f.EnrolAsync();
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task A_gated_check_in_delivers_a_command_whose_gated_result_is_recorded_once()
    {
        var queued = await _commands.EnqueueAsync(ProtocolHarness.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);

        var (sent, admitted) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin);
        var response = Verify(await _messages.CheckinAsync(admitted, Ct), sent);

        var command = Assert.Single(response.Commands);
        Assert.Equal((queued.Value.CmdId, DeviceCommandKind.GetDeviceInfo), (command.CmdId, command.Kind!.Value));
        Assert.Equal(30, response.Payload.PollAfterSeconds);
        Assert.Equal("1.2.3", (await _f.DeviceAsync()).FirmwareVersion);

        var result = new CommandResultBody(command.CmdId, CommandResultStatus.Succeeded, JsonDocument.Parse("""{"firmware":"1.2.3"}""").RootElement);
        var (first, firstAdmitted) = await AdmitAsync(result, GateRoutes.CommandResult);
        Assert.IsType<EmptyBody>(Verify(await _messages.CommandResultAsync(firstAdmitted, Ct), first).Body);
        var (again, againAdmitted) = await AdmitAsync(result, GateRoutes.CommandResult);
        Verify(await _messages.CommandResultAsync(againAdmitted, Ct), again);

        var stored = await _f.Store.GetCommandAsync(command.CmdId, Ct);
        Assert.Equal((DeviceCommandState.Succeeded, 1), (stored!.State, stored.Attempts));
        Assert.Single(_audit.Of("device.command.result"));
    }

    [Fact]
    public async Task A_long_poll_woken_by_a_queued_command_is_followed_by_the_gated_check_in_that_delivers_it()
    {
        var poll = new CommandLongPoll(_f.Store, _f.Store, _commands, new LongPollWaiters(), _audit, H.Clock, NullLogger<CommandLongPoll>.Instance);
        var waiting = poll.WaitAsync(H.Device.Certificate, TimeSpan.FromSeconds(55), Ct);
        Assert.False(waiting.IsCompleted);

        var queued = await _commands.EnqueueAsync(ProtocolHarness.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);
        Assert.Equal(1, (await waiting.WaitAsync(TimeSpan.FromSeconds(30))).Value);

        var (sent, admitted) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin);
        var command = Assert.Single(Verify(await _messages.CheckinAsync(admitted, Ct), sent).Commands);
        Assert.Equal(queued.Value.CmdId, command.CmdId);
    }

    [Fact]
    public async Task A_due_device_rotates_through_the_gate_and_its_old_key_is_refused_afterwards()
    {
        await SetRotationDueAsync();
        var old = H.Device;
        var (offerSent, offerAdmitted) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin);
        var rotateKey = Assert.IsType<RotateKeyArguments>(Assert.Single(Verify(await _messages.CheckinAsync(offerAdmitted, Ct), offerSent).Commands).Arguments);

        H.Clock.Advance(TimeSpan.FromMinutes(5));
        using var newKey = RSA.Create(2048);
        var csr = Base64Url.Encode(new CertificateRequest("CN=x", newKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequest());
        var (rotateSent, rotateAdmitted) = await AdmitAsync(new RotateBody(rotateKey.RotationId, csr), GateRoutes.Rotate);
        var issued = Assert.IsType<RotationResultBody>(Verify(await _messages.RotateAsync(rotateAdmitted, Ct), rotateSent).Body);
        Assert.Equal(rotateKey.RotationId, issued.RotationId);
        Assert.Equal(3, issued.CertChain.Count);
        using var newCertificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(issued.CertChain[0]));
        var fresh = new TestIdentity(newCertificate, newKey);

        // CTK SBI1022–1025: another certificate and key for the same device, starting no earlier than the old one.
        Assert.NotEqual(old.Certificate.SerialNumber, newCertificate.SerialNumber);
        Assert.Equal(ProtocolHarness.SerialNo, newCertificate.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(newCertificate.NotBefore >= old.Certificate.NotBefore);

        var (confirmSent, confirmAdmitted) = await AdmitAsync(new RotateConfirmBody(rotateKey.RotationId), GateRoutes.RotateConfirm, fresh);
        Assert.IsType<EmptyBody>(Verify(await _messages.RotateConfirmAsync(confirmAdmitted, Ct), confirmSent).Body);

        Assert.Equal(DeviceCertificateStatus.Active, (await _f.Store.GetCertificateAsync(newCertificate.SerialNumber.ToUpperInvariant(), Ct))!.Status);
        var superseded = await _f.Store.GetCertificateAsync(old.Certificate.SerialNumber.ToUpperInvariant(), Ct);
        Assert.Equal((DeviceCertificateStatus.Revoked, KeyRotationService.SupersededReason), (superseded!.Status, superseded.Reason));
        Assert.False((await _f.DeviceAsync()).RotationDue);

        // The stolen-old-key case: a check-in with the superseded certificate no longer passes the gate.
        var before = await _f.DeviceAsync();
        var stale = await H.SealAsync(ProtocolHarness.Checkin(), seq: ++_deviceSeq);
        Assert.False((await _f.CheckAsync(stale.Compact, GateFixture.Checkin)).IsSuccess);
        Assert.Equal(before.LastSeq, (await _f.DeviceAsync()).LastSeq);

        var (afterSent, afterAdmitted) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin, fresh);
        Assert.Empty(Verify(await _messages.CheckinAsync(afterAdmitted, Ct), afterSent).Commands);
    }

    [Fact]
    public async Task Bad_input_a_rotation_CSR_that_is_not_a_CSR_is_refused_and_no_certificate_is_issued()
    {
        await SetRotationDueAsync();
        var (offerSent, offerAdmitted) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin);
        var rotateKey = Assert.IsType<RotateKeyArguments>(Assert.Single(Verify(await _messages.CheckinAsync(offerAdmitted, Ct), offerSent).Commands).Arguments);

        var (_, admitted) = await AdmitAsync(new RotateBody(rotateKey.RotationId, Base64Url.Encode(RandomNumberGenerator.GetBytes(300))), GateRoutes.Rotate);
        var refused = await _messages.RotateAsync(admitted, Ct);

        Assert.Equal(DeviceOperationErrors.RotationCsrInvalid.Code, refused.Error?.Code);
        Assert.Single(await _f.Store.ListForDeviceAsync(ProtocolHarness.SerialNo, Ct));
        Assert.Equal(DeviceOperationErrors.RotationCsrInvalid.Code, Assert.Single(_audit.Of("device.rotation.request")).Outcome);
    }

    [Fact]
    public async Task Gated_time_is_signed_for_the_devices_nonce_and_refused_from_an_undisciplined_clock()
    {
        var nonce = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var (sent, admitted) = await AdmitAsync(new TimeRequestBody(nonce), GateRoutes.Time);
        var verified = H.Verifier.Verify((await _messages.TimeAsync(admitted, Ct)).Value.Compact, Expect(sent, nonce));
        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.Equal(20, Assert.IsType<TimeResponseBody>(verified.Value.Body).RadiusMs);

        _discipline.Reading = new ClockDisciplineReading(false, null, "test");
        var (_, undisciplined) = await AdmitAsync(new TimeRequestBody(Base64Url.Encode(RandomNumberGenerator.GetBytes(32))), GateRoutes.Time);
        Assert.Equal(DeviceOperationErrors.ClockNotDisciplined.Code, (await _messages.TimeAsync(undisciplined, Ct)).Error?.Code);
    }

    [Fact]
    public async Task A_message_handed_to_the_wrong_route_handler_is_refused_and_changes_nothing()
    {
        await SetRotationDueAsync();
        var (_, checkin) = await AdmitAsync(ProtocolHarness.Checkin(), GateRoutes.Checkin);
        var before = await _f.DeviceAsync();

        Assert.Equal("KER-DEV-001", (await _messages.RotateAsync(checkin, Ct)).Error?.Code);
        Assert.Equal("KER-DEV-001", (await _messages.RotateConfirmAsync(checkin, Ct)).Error?.Code);
        Assert.Equal("KER-DEV-001", (await _messages.CommandResultAsync(checkin, Ct)).Error?.Code);
        Assert.Equal("KER-DEV-001", (await _messages.TimeAsync(checkin, Ct)).Error?.Code);

        Assert.Equal(before, await _f.DeviceAsync());
        Assert.Empty(await _f.Store.ListCommandsAsync(ProtocolHarness.SerialNo, null, 10, Ct));
        Assert.Empty(_audit.Events);
    }

    private async Task<(SealedUplink Sent, AdmittedMessage Admitted)> AdmitAsync(IUplinkBody body, Func<string, GateRoute> route, TestIdentity? signer = null)
    {
        var sent = await H.SealAsync(body, seq: ++_deviceSeq, signer: signer);
        var admitted = await _f.CheckAsync(sent.Compact, route(ProtocolHarness.Route(sent.Payload.Kind).Audience), signer ?? H.Device);
        Assert.True(admitted.IsSuccess, admitted.Detail);
        return (sent, admitted.Value!);
    }

    private DownlinkExpectation Expect(SealedUplink sent, string? nonce = null) =>
        new(sent.Payload.Jti, ProtocolHarness.SerialNo, _serverSeq, H.Clock.GetUtcNow(), sent.Payload.Kind, sent.Payload.DigitalId, nonce);

    private VerifiedDownlink Verify(Kavach.Keys.Errors.Result<SignedDownlink> response, SealedUplink sent)
    {
        Assert.True(response.IsSuccess, response.Error?.Code);
        var verified = H.Verifier.Verify(response.Value.Compact, Expect(sent));
        Assert.True(verified.IsSuccess, verified.Detail);
        _serverSeq = verified.Value!.Payload.Seq;
        return verified.Value;
    }

    private async Task SetRotationDueAsync()
    {
        var device = await _f.DeviceAsync();
        Assert.True(await _f.Store.TryUpdateDeviceAsync(device with { RotationDue = true }, device.Version, Ct));
    }
}
