using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Devices.Checkin;
using Kavach.Devices.Commands;
using Kavach.Devices.Policy;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Policy;
using Kavach.Devices.Tests.Protocol.Support;
using Kavach.Devices.Tests.Rotation;
using Kavach.Devices.Tests.Time;
using Kavach.Devices.Time;
using Kavach.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Tests.Checkin;

/// <summary>Check-in, command delivery and the rotation offer end to end at the service level (spec §5.1 items 4, 5, 7), responses checked by the device's verifier.</summary>
public sealed class CheckinServiceTests : IAsyncLifetime, IDisposable
{
    private const string DigitalId = "eyJhbGciOiJSUzI1NiJ9.eyJzZXJpYWxObyI6IngifQ.c2lnbmF0dXJl";

    private readonly TempDirectory _folder = new("kavach-ops");
    private readonly FakeUpdates _updates = new();
    private RotationHarness _h = null!;
    private TestPki _pki = null!;
    private DownlinkWriter _writer = null!;
    private CheckinService _checkin = null!;
    private DownlinkVerifier _verifier = null!;
    private long _lastSeq;

    private static CancellationToken Ct => CancellationToken.None;

    public Task InitializeAsync()
    {
        _h = new RotationHarness(OperationsDatabase.NewSqlite(_folder));
        _pki = new TestPki(_h.Time.GetUtcNow());
        _writer = new DownlinkWriter(new TestServerKeys(_pki), _h.Time, new ClockDownlinkSequence(_h.Time));
        _checkin = new CheckinService(_h.Store, _h.Commands, _h.Rotation, _updates, _writer, _h.Audit, _h.Time, new CheckinOptions(), new DevicePolicyOptions(), NullLogger<CheckinService>.Instance);
        _verifier = new DownlinkVerifier(_pki.ServerRoot.Certificate);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_check_in_stores_the_telemetry_and_gets_a_signed_response_bound_to_the_request()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        var jti = Guid.NewGuid().ToString("D");

        var response = await _checkin.CheckInAsync(new CheckinRequest(device.SerialNo, jti, DigitalId, Body("2.1.0", 7)), Ct);

        var verified = Verify(response.Value, jti, device.SerialNo);
        Assert.Equal(jti, verified.Payload.InResponseTo);
        Assert.Equal(device.SerialNo, verified.Payload.Aud);
        Assert.Equal(DigitalId, verified.Payload.DigitalId);
        Assert.Empty(verified.Commands);
        Assert.Equal(900, verified.Payload.PollAfterSeconds);
        Assert.Equal(new DevicePolicy(900, 20, 30), verified.Payload.Policy);
        var stored = await _h.Store.GetDeviceAsync(device.SerialNo, Ct);
        Assert.Equal((_h.Time.GetUtcNow(), "2.1.0", 7L), (stored!.LastCheckin, stored.FirmwareVersion, stored.ReleaseCounter));
        Assert.Equal("OK", Assert.Single(_h.Audit.Of("device.checkin")).Outcome);
    }

    [Fact]
    public async Task A_queued_command_rides_the_next_check_in_once_with_a_shorter_poll_and_its_result_is_idempotent()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        var queued = await _h.Commands.EnqueueAsync(device.SerialNo, "getDeviceInfo", null, "admin1", null, Ct);

        var first = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);
        var second = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);

        var command = Assert.Single(first.Commands);
        Assert.True(command.IsExecutable);
        Assert.Equal((queued.Value.CmdId, DeviceCommandKind.GetDeviceInfo), (command.CmdId, command.Kind!.Value));
        Assert.Equal(30, first.Payload.PollAfterSeconds);
        Assert.Empty(second.Commands);

        var body = new CommandResultBody(command.CmdId, CommandResultStatus.Succeeded, System.Text.Json.JsonDocument.Parse("""{"firmware":"2.1.0"}""").RootElement);
        Assert.False((await _h.Commands.SubmitResultAsync(device.SerialNo, body, Ct)).Value.Duplicate);
        Assert.True((await _h.Commands.SubmitResultAsync(device.SerialNo, body, Ct)).Value.Duplicate);
        Assert.Equal(DeviceCommandState.Succeeded, (await _h.Store.GetCommandAsync(command.CmdId, Ct))!.State);
    }

    [Fact]
    public async Task At_day_20_the_next_check_in_carries_rotateKey_and_after_the_rotation_it_does_not()
    {
        var (device, old, _) = await _h.AddDeviceAsync(ageDays: 20, rotationDue: true);

        var offered = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);

        var rotate = Assert.Single(offered.Commands);
        Assert.Equal(DeviceCommandKind.RotateKey, rotate.Kind);
        var args = Assert.IsType<RotateKeyArguments>(rotate.Arguments);
        Assert.Equal(rotate.CmdId, args.RotationId);
        Assert.True(ProtocolTimestamp.TryParse(args.Deadline, out var deadline) && deadline > _h.Time.GetUtcNow());

        var again = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);
        Assert.Equal(rotate.CmdId, Assert.Single(again.Commands).CmdId);

        using var newKey = RSA.Create(2048);
        var issued = await _h.Rotation.RequestAsync(device.SerialNo, old.CertSerial, args.RotationId, RotationHarness.Csr(newKey), Ct);
        Assert.True((await _h.Rotation.ConfirmAsync(device.SerialNo, issued.Value.Certificate.CertSerial, args.RotationId, Ct)).IsSuccess);

        var after = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);
        Assert.Empty(after.Commands);
    }

    [Fact]
    public async Task A_de_registering_device_gets_only_its_deregister_command()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 20, rotationDue: true);
        await _h.Commands.EnqueueAsync(device.SerialNo, "syncTime", null, "admin1", null, Ct);
        var dereg = await _h.Commands.EnqueueSystemAsync(device.SerialNo, "deregister", """{"reason":"retired"}""", _h.Time.GetUtcNow().AddDays(7), 10, null, Ct);
        _updates.Offers[device.SerialNo] = 9;
        var current = (await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!;
        Assert.True(await _h.Store.TryUpdateDeviceAsync(current with { State = DeviceState.Deregistering }, current.Version, Ct));

        var response = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);

        var only = Assert.Single(response.Commands);
        Assert.Equal((dereg.Value.CmdId, DeviceCommandKind.Deregister), (only.CmdId, only.Kind!.Value));
    }

    [Fact]
    public async Task A_rollout_reaching_the_device_adds_updateAvailable()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        _updates.Offers[device.SerialNo] = 12;

        var response = Verify((await CheckInAsync(device)).Value, null, device.SerialNo);

        var update = Assert.Single(response.Commands);
        Assert.Equal(DeviceCommandKind.UpdateAvailable, update.Kind);
        Assert.Equal(12, Assert.IsType<UpdateAvailableArguments>(update.Arguments).ReleaseCounter);
    }

    [Theory]
    [InlineData(DeviceState.Quarantined)]
    [InlineData(DeviceState.Deregistered)]
    [InlineData(DeviceState.Expired)]
    public async Task A_device_outside_active_service_is_refused_and_nothing_is_recorded(DeviceState state)
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        var current = (await _h.Store.GetDeviceAsync(device.SerialNo, Ct))!;
        Assert.True(await _h.Store.TryUpdateDeviceAsync(current with { State = state }, current.Version, Ct));
        var before = await _h.Store.GetDeviceAsync(device.SerialNo, Ct);

        var response = await CheckInAsync(device);

        Assert.Equal(DeviceOperationErrors.DeviceNotActive, response.Error);
        Assert.Equal(before, await _h.Store.GetDeviceAsync(device.SerialNo, Ct));
    }

    [Theory]
    [InlineData("2.1\n0", 1)]
    [InlineData("", 1)]
    [InlineData("2.1.0", -1)]
    public async Task Telemetry_out_of_bounds_is_refused_and_nothing_is_recorded(string firmware, long releaseCounter)
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        var before = await _h.Store.GetDeviceAsync(device.SerialNo, Ct);

        var response = await _checkin.CheckInAsync(new CheckinRequest(device.SerialNo, Guid.NewGuid().ToString("D"), DigitalId, Body(firmware, releaseCounter)), Ct);

        Assert.Equal(DeviceOperationErrors.InvalidTelemetry, response.Error);
        Assert.Equal(before, await _h.Store.GetDeviceAsync(device.SerialNo, Ct));
    }

    [Fact]
    public async Task Signed_time_verifies_on_the_device_bound_to_its_nonce()
    {
        var (device, _, _) = await _h.AddDeviceAsync(ageDays: 2, rotationDue: false);
        var time = new TrustedTimeService(FixedClockDiscipline.Synchronised(40), new TrustedTimeOptions(), _h.Audit, _h.Time, NullLogger<TrustedTimeService>.Instance);
        var nonce = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        var jti = Guid.NewGuid().ToString("D");

        var stamp = await time.StampAsync(nonce, device.SerialNo, Ct);
        var signed = await _writer.WriteAsync(new DownlinkDraft(MessageKinds.Time, jti, device.SerialNo, DigitalId, stamp.Value.ToBody()), Ct);
        var verified = _verifier.Verify(signed.Compact, new DownlinkExpectation(jti, device.SerialNo, 0, _h.Time.GetUtcNow(), MessageKinds.Time, DigitalId, nonce));
        var replayed = _verifier.Verify(signed.Compact, new DownlinkExpectation(jti, device.SerialNo, 0, _h.Time.GetUtcNow(), MessageKinds.Time, DigitalId, Base64Url.Encode(RandomNumberGenerator.GetBytes(32))));

        Assert.True(verified.IsSuccess, verified.Detail);
        var body = Assert.IsType<TimeResponseBody>(verified.Value!.Body);
        Assert.Equal((nonce, 40), (body.Nonce, body.RadiusMs));
        Assert.False(replayed.IsSuccess);
    }

    private static CheckinBody Body(string firmware, long releaseCounter) =>
        new(firmware, releaseCounter, "0A", "2027-01-01T00:00:00.000Z", "Ready", new DeviceHealth(35.5, false, 0), new SbiInfo(["0.9.5"], "1.0.0"));

    private Task<Kavach.Keys.Errors.Result<SignedDownlink>> CheckInAsync(DeviceRecord device) =>
        _checkin.CheckInAsync(new CheckinRequest(device.SerialNo, Guid.NewGuid().ToString("D"), DigitalId, Body("2.1.0", 7)), Ct);

    private VerifiedDownlink Verify(SignedDownlink signed, string? jti, string serialNo)
    {
        var check = _verifier.Verify(signed.Compact, new DownlinkExpectation(jti ?? signed.Payload.InResponseTo!, serialNo, _lastSeq, _h.Time.GetUtcNow(), MessageKinds.Checkin, DigitalId));
        Assert.True(check.IsSuccess, check.Detail);
        _lastSeq = check.Value!.Payload.Seq;
        return check.Value;
    }
}
