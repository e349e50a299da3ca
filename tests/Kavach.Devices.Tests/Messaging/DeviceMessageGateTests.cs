using System.Security.Cryptography;
using System.Text;
using Kavach.Devices.Messaging;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Registry;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Messaging;

public sealed class DeviceMessageGateTests : IAsyncLifetime
{
    private GateFixture _f = null!;

    private ProtocolHarness H => _f.Harness;

    public Task InitializeAsync()
    {
        _f = new GateFixture();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private static GateRoute Rotate => GateRoutes.Rotate($"{GateFixture.Base}/v1/{MessageKinds.Rotate}");

    private static GateRoute RotateConfirm => GateRoutes.RotateConfirm($"{GateFixture.Base}/v1/{MessageKinds.RotateConfirm}");

    /// <summary>Asserts the refusal, its audit event, and that the device row did not change.</summary>
    private async Task AssertRefusedAsync(MessageCheck<AdmittedMessage> result, MessageRefusal reason, DeviceRecord before)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Refusal);
        Assert.Equal("KER-DEV-001", result.Error!.Code);
        DeviceAuditEvent audited = _f.Audit.Events[^1];
        Assert.Equal("device.message.refused", audited.Operation);
        Assert.Equal("KER-DEV-001", audited.Outcome);
        Assert.Contains($"reason={reason}", audited.Detail, StringComparison.Ordinal);
        DeviceRecord after = await _f.DeviceAsync();
        Assert.Equal(before.LastSeq, after.LastSeq);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.State, after.State);
    }

    [Fact]
    public async Task An_enrolled_L1_devices_checkin_is_admitted_and_its_seq_advances()
    {
        await _f.EnrolAsync();
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), seq: 5);

        var result = await _f.CheckAsync(sent.Compact);

        Assert.True(result.IsSuccess, result.Detail);
        Assert.Equal(DeviceCertificateStatus.Active, result.Value.Certificate.Status);
        Assert.Equal(5, (await _f.DeviceAsync()).LastSeq);
        Assert.Empty(_f.Audit.Events);
    }

    [Fact]
    public async Task An_enrolled_L0_device_whose_digital_id_is_signed_by_its_device_key_is_admitted()
    {
        await _f.EnrolAsync(certification: "L0");
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), digitalId: await H.DigitalIdAsync(signer: H.Device));
        var result = await _f.CheckAsync(sent.Compact);
        Assert.True(result.IsSuccess, result.Detail);
    }

    [Fact]
    public async Task Replay_an_identical_captured_checkin_is_refused_by_jti()
    {
        await _f.EnrolAsync();
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), seq: 1);
        Assert.True((await _f.CheckAsync(sent.Compact)).IsSuccess);
        DeviceRecord before = await _f.DeviceAsync();

        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact), MessageRefusal.Replay, before);
    }

    [Fact]
    public async Task Replay_the_same_inner_JWS_re_encrypted_is_refused()
    {
        await _f.EnrolAsync();
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), seq: 1);
        Assert.True((await _f.CheckAsync(sent.Compact)).IsSuccess);
        var inner = await StrictJwe.DecryptAsync(sent.Compact, H.Keys.UnwrapContentKeyAsync, default);
        string reEncrypted = H.Encrypt(Encoding.ASCII.GetString(inner.Value!.Plaintext));
        Assert.NotEqual(sent.Compact, reEncrypted);
        DeviceRecord before = await _f.DeviceAsync();

        await AssertRefusedAsync(await _f.CheckAsync(reEncrypted), MessageRefusal.Replay, before);
    }

    [Fact]
    public async Task Reordering_a_fresh_message_with_a_seq_not_above_the_last_is_refused()
    {
        await _f.EnrolAsync();
        Assert.True((await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin(), seq: 10)).Compact)).IsSuccess);
        DeviceRecord before = await _f.DeviceAsync();

        await AssertRefusedAsync(await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin(), seq: 9)).Compact), MessageRefusal.Sequence, before);
        await AssertRefusedAsync(await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin(), seq: 10)).Compact), MessageRefusal.Sequence, before);
        Assert.True((await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin(), seq: 11)).Compact)).IsSuccess);
    }

    [Fact]
    public async Task Cross_endpoint_a_valid_checkin_replayed_to_the_dereg_ack_route_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync(state: DeviceState.Deregistering);
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin());
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, GateRoutes.DeregAck($"{GateFixture.Base}/v1/dereg-ack")), MessageRefusal.MessageType, before);
    }

    [Fact]
    public async Task Two_replicas_given_the_same_message_at_once_admit_it_exactly_once()
    {
        await _f.EnrolAsync();
        DeviceMessageGate replica = _f.NewGate(_f.OpenStore());
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), seq: 3);

        var results = await Task.WhenAll(
            _f.CheckAsync(sent.Compact).AsTask(),
            _f.CheckAsync(sent.Compact, gate: replica).AsTask());

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Equal(3, (await _f.DeviceAsync()).LastSeq);
    }

    [Theory]
    [InlineData(DeviceCertificateStatus.Revoked)]
    [InlineData(DeviceCertificateStatus.Pending)]
    public async Task Certificate_revoked_or_still_pending_is_refused_on_checkin(DeviceCertificateStatus status)
    {
        DeviceRecord before = await _f.EnrolAsync(status: status);
        await AssertRefusedAsync(await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin())).Compact), MessageRefusal.CertificateStatus, before);
    }

    [Fact]
    public async Task Certificate_from_the_device_CA_but_unknown_to_the_registry_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity unknown = H.Pki.Device(ProtocolHarness.SerialNo);
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), signer: unknown);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, tls: unknown), MessageRefusal.CertificateStatus, before);
    }

    [Theory]
    [InlineData(DeviceState.Quarantined)]
    [InlineData(DeviceState.Deregistered)]
    [InlineData(DeviceState.PendingConfirm)]
    [InlineData(DeviceState.Expired)]
    public async Task Device_quarantined_deregistered_or_not_yet_confirmed_is_refused(DeviceState state)
    {
        DeviceRecord before = await _f.EnrolAsync(state: state);
        await AssertRefusedAsync(await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin())).Compact), MessageRefusal.DeviceState, before);
    }

    [Fact]
    public async Task A_deregistering_device_may_check_in_and_acknowledge_but_not_rotate()
    {
        await _f.EnrolAsync(state: DeviceState.Deregistering);
        Assert.True((await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin(), seq: 1)).Compact)).IsSuccess);
        var ack = new DeregAckBody(ProtocolHarness.SerialNo, H.Device.Certificate.SerialNumber, ProtocolTimestamp.ToText(H.Clock.GetUtcNow()), true);
        var acked = await _f.CheckAsync((await H.SealAsync(ack, seq: 2)).Compact, GateRoutes.DeregAck($"{GateFixture.Base}/v1/dereg-ack"));
        Assert.True(acked.IsSuccess, acked.Detail);

        DeviceRecord before = await _f.DeviceAsync();
        var rotate = new RotateBody(ProtocolValues.NewId(), "MIIB");
        await AssertRefusedAsync(await _f.CheckAsync((await H.SealAsync(rotate, seq: 3)).Compact, GateRoutes.Rotate($"{GateFixture.Base}/v1/rotate")), MessageRefusal.DeviceState, before);
    }

    [Fact]
    public async Task Enrolment_confirm_takes_the_pending_certificate_of_a_device_pending_confirm()
    {
        await _f.EnrolAsync(state: DeviceState.PendingConfirm, status: DeviceCertificateStatus.Pending);
        var confirm = new EnrollConfirmBody(H.Device.Certificate.SerialNumber.ToUpperInvariant());
        var result = await _f.CheckAsync((await H.SealAsync(confirm)).Compact, GateRoutes.EnrollConfirm($"{GateFixture.Base}/v1/enroll-confirm"));
        Assert.True(result.IsSuccess, result.Detail);
    }

    [Fact]
    public async Task Rotation_signed_only_with_the_new_key_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity next = H.Pki.Device(ProtocolHarness.SerialNo);
        await _f.AddCertificateAsync(next, DeviceCertificateStatus.Pending);
        var rotate = new RotateBody(ProtocolValues.NewId(), "MIIB");
        SealedUplink sent = await H.SealAsync(rotate, signer: next);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, Rotate, tls: next), MessageRefusal.CertificateStatus, before);
    }

    [Fact]
    public async Task Rotation_confirm_signed_with_the_old_key_is_refused_and_with_the_new_key_admitted()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity next = H.Pki.Device(ProtocolHarness.SerialNo);
        await _f.AddCertificateAsync(next, DeviceCertificateStatus.Pending);
        var confirm = new RotateConfirmBody(ProtocolValues.NewId());

        await AssertRefusedAsync(await _f.CheckAsync((await H.SealAsync(confirm, seq: 1)).Compact, RotateConfirm), MessageRefusal.CertificateStatus, before);

        var admitted = await _f.CheckAsync((await H.SealAsync(confirm, seq: 2, signer: next)).Compact, RotateConfirm, tls: next);
        Assert.True(admitted.IsSuccess, admitted.Detail);
        Assert.Equal(DeviceCertificateStatus.Pending, admitted.Value.Certificate.Status);
        Assert.Equal(2, (await _f.DeviceAsync()).LastSeq);
    }

    [Fact]
    public async Task Certificate_registered_to_another_device_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        const string OtherSerial = "SN0000000002";
        Assert.True(await _f.Store.TryInsertDevicesAsync([before with { SerialNo = OtherSerial, MgmtId = ProtocolValues.NewId(), LastSeq = 0, Version = 0 }], default));
        TestIdentity other = H.Pki.Device(OtherSerial);
        var row = new DeviceCertificateRecord(
            other.Certificate.SerialNumber.ToUpperInvariant(), OtherSerial,
            Convert.ToHexStringLower(SHA256.HashData(other.Certificate.PublicKey.ExportSubjectPublicKeyInfo())),
            other.Certificate.NotBefore.ToUniversalTime(), other.Certificate.NotAfter.ToUniversalTime(), DeviceCertificateStatus.Active,
            null, null, null, null, other.Certificate.RawData);
        Assert.True(await _f.Store.TryInsertCertificateAsync(row, default));

        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), signer: other);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, tls: other), MessageRefusal.CertificateStatus, before);
        Assert.Equal(0, (await _f.Store.GetDeviceAsync(OtherSerial, default))!.LastSeq);
    }

    [Fact]
    public async Task Another_management_id_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), mgmtId: ProtocolValues.NewId());
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact), MessageRefusal.DeviceState, before);
    }

    [Fact]
    public async Task Self_signed_certificate_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity self = H.Pki.SelfSigned(ProtocolHarness.SerialNo);
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), signer: self);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, tls: self), MessageRefusal.CertificateChain, before);
    }

    [Fact]
    public async Task Certificate_from_another_CA_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity rogue = H.Pki.Device(ProtocolHarness.SerialNo, issuer: H.Pki.RogueCa);
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), signer: rogue);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, tls: rogue), MessageRefusal.CertificateChain, before);
    }

    [Fact]
    public async Task Certificate_issued_directly_by_the_root_not_the_device_CA_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity byRoot = H.Pki.Device(ProtocolHarness.SerialNo, issuer: H.Pki.Root);
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), signer: byRoot);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, tls: byRoot), MessageRefusal.CertificateChain, before);
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("not-yet-valid")]
    [InlineData("no-client-auth")]
    public async Task Expired_not_yet_valid_or_non_client_certificate_is_refused_even_when_registered(string problem)
    {
        DateTimeOffset now = H.Clock.GetUtcNow();
        TestIdentity device = problem switch
        {
            "expired" => H.Pki.Device(ProtocolHarness.SerialNo, notBefore: now.AddDays(-31), notAfter: now.AddSeconds(-1)),
            "not-yet-valid" => H.Pki.Device(ProtocolHarness.SerialNo, notBefore: now.AddMinutes(10), notAfter: now.AddDays(30)),
            _ => H.Pki.Device(ProtocolHarness.SerialNo, clientAuth: false),
        };
        DeviceRecord before = await _f.EnrolAsync(certificate: device);
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), signer: device);
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact, tls: device), MessageRefusal.CertificateChain, before);
    }

    [Fact]
    public async Task Digital_id_signed_by_the_device_key_on_an_L1_device_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), digitalId: await H.DigitalIdAsync(signer: H.Device));
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact), MessageRefusal.DigitalIdSigner, before);
    }

    [Fact]
    public async Task Digital_id_signed_by_another_FTM_chip_than_the_enrolled_one_is_refused()
    {
        DeviceRecord before = await _f.EnrolAsync();
        TestIdentity otherChip = H.Pki.FtmChip("B");
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), digitalId: await H.DigitalIdAsync(signer: otherChip));
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact), MessageRefusal.DigitalIdSigner, before);
    }

    [Theory]
    [InlineData("make")]
    [InlineData("model")]
    [InlineData("subtype")]
    [InlineData("provider")]
    public async Task Digital_id_field_that_differs_from_the_registry_is_refused(string field)
    {
        DeviceRecord before = await _f.EnrolAsync();
        var fields = H.DigitalIdFields();
        fields = field switch
        {
            "make" => fields with { Make = "OTHER" },
            "model" => fields with { Model = "SLAP02" },
            "subtype" => fields with { DeviceSubType = "Single" },
            _ => fields with { DeviceProviderId = "OTHER.PROVIDER" },
        };
        SealedUplink sent = await H.SealAsync(ProtocolHarness.Checkin(), digitalId: await H.DigitalIdAsync(fields));
        await AssertRefusedAsync(await _f.CheckAsync(sent.Compact), MessageRefusal.DigitalIdMismatch, before);
    }

    [Fact]
    public async Task Provider_name_is_compared_when_a_lookup_is_given()
    {
        await _f.EnrolAsync();
        var gate = new DeviceMessageGate(H.Keys, new TestDeviceCa(H.Pki), _f.Store, _f.Store, _f.Store, _f.Audit, H.Clock,
            providerName: (_, _) => ValueTask.FromResult<string?>("Another Provider Ltd"));
        var result = await _f.CheckAsync((await H.SealAsync(ProtocolHarness.Checkin())).Compact, gate: gate);
        Assert.Equal(MessageRefusal.DigitalIdMismatch, result.Refusal);
    }

    [Fact]
    public async Task Refusal_before_the_signature_is_audited_as_anonymous_without_a_serial()
    {
        DeviceRecord before = await _f.EnrolAsync();
        await AssertRefusedAsync(await _f.CheckAsync("garbage"), MessageRefusal.Malformed, before);
        DeviceAuditEvent audited = _f.Audit.Events[^1];
        Assert.Equal("anonymous", audited.Actor);
        Assert.Null(audited.Subject);
    }

    [Fact]
    public void Replay_retention_below_twice_the_window_is_a_configuration_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceMessageGateOptions { ReplayRetention = TimeSpan.FromSeconds(200) }.Validate());
}
