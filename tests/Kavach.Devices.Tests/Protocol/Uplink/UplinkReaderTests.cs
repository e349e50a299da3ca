using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Tests.Protocol.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Devices.Tests.Protocol.Uplink;

public sealed class UplinkReaderTests
{
    private readonly ProtocolHarness _h = new();

    private ValueTask<MessageCheck<VerifiedUplink>> Read(string compact, string kind, bool withTls = true) =>
        _h.Reader.ReadAsync(compact, ProtocolHarness.Route(kind), withTls ? _h.Device.Certificate : null, default);

    private static void AssertRefused(MessageCheck<VerifiedUplink> result, MessageRefusal reason)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Refusal);
        Assert.Equal("KER-DEV-001", result.Error!.Code);
        Assert.Equal("Device message refused.", result.Error.Message);
    }

    [Fact]
    public async Task A_checkin_written_by_the_device_reads_back_verified()
    {
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin(), seq: 42);

        var result = await Read(sealedUplink.Compact, MessageKinds.Checkin);

        Assert.True(result.IsSuccess, result.Detail);
        Assert.Equal(42, result.Value.Payload.Seq);
        Assert.Equal(sealedUplink.Payload.Jti, result.Value.Payload.Jti);
        Assert.IsType<CheckinBody>(result.Value.Body);
        Assert.Equal(_h.Device.Certificate.RawData, result.Value.SignerCertificate.RawData);
        Assert.Equal(_h.Ftm.Certificate.RawData, result.Value.DigitalId.Signer.RawData);
        Assert.Equal(TestPki.EncryptionKid, result.Value.EncryptionKid);
    }

    [Fact]
    public async Task The_same_message_read_from_bytes_passes_too()
    {
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin());
        var result = await _h.Reader.ReadAsync(Encoding.ASCII.GetBytes(sealedUplink.Compact), ProtocolHarness.Route(MessageKinds.Checkin), _h.Device.Certificate, default);
        Assert.True(result.IsSuccess, result.Detail);
    }

    [Fact]
    public async Task An_FTM_signed_enrolment_reads_without_a_TLS_client_certificate()
    {
        var body = new EnrollBody(ProtocolValues.NewNonce(), "MIIB", "1.0.0", "1.0", ["0.9.5"], "Auth", "Production");
        SealedUplink sealedUplink = await _h.SealAsync(body, signer: _h.Ftm);
        var result = await Read(sealedUplink.Compact, MessageKinds.Enroll, withTls: false);
        Assert.True(result.IsSuccess, result.Detail);
        Assert.Null(result.Value.Payload.MgmtId);
        Assert.Equal(_h.Ftm.Certificate.RawData, result.Value.SignerCertificate.RawData);
    }

    [Fact]
    public async Task Body_over_64_KiB_is_refused_before_any_unwrap()
    {
        int before = _h.Keys.Unwraps;
        var result = await _h.Reader.ReadAsync(new byte[64 * 1024 + 1], ProtocolHarness.Route(MessageKinds.Checkin), _h.Device.Certificate, default);
        AssertRefused(result, MessageRefusal.TooLarge);
        Assert.Equal(before, _h.Keys.Unwraps);
    }

    [Fact]
    public async Task Body_that_is_not_ASCII_compact_text_is_refused()
    {
        AssertRefused(await _h.Reader.ReadAsync("{\"a\":1}\n"u8.ToArray(), ProtocolHarness.Route(MessageKinds.Checkin), _h.Device.Certificate, default), MessageRefusal.Malformed);
        AssertRefused(await _h.Reader.ReadAsync("é.b.c.d.e"u8.ToArray(), ProtocolHarness.Route(MessageKinds.Checkin), _h.Device.Certificate, default), MessageRefusal.Malformed);
    }

    [Fact]
    public async Task Signing_certificate_other_than_the_TLS_client_certificate_is_refused()
    {
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin());
        var other = _h.Pki.Device("SN0000000077");
        AssertRefused(await _h.Reader.ReadAsync(sealedUplink.Compact, ProtocolHarness.Route(MessageKinds.Checkin), other.Certificate, default), MessageRefusal.TlsCertificateMismatch);
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Checkin, withTls: false), MessageRefusal.TlsCertificateMismatch);
    }

    [Fact]
    public async Task Time_route_takes_a_message_without_TLS_but_compares_one_that_is_presented()
    {
        SealedUplink sealedUplink = await _h.SealAsync(new TimeRequestBody(ProtocolValues.NewNonce()));
        Assert.True((await Read(sealedUplink.Compact, MessageKinds.Time, withTls: false)).IsSuccess);
        AssertRefused(await _h.Reader.ReadAsync(sealedUplink.Compact, ProtocolHarness.Route(MessageKinds.Time), _h.Ftm.Certificate, default), MessageRefusal.TlsCertificateMismatch);
    }

    [Fact]
    public async Task Cross_endpoint_a_valid_checkin_sent_to_the_time_route_is_refused_by_typ()
    {
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin());
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Time), MessageRefusal.MessageType);
    }

    [Fact]
    public async Task Cross_endpoint_a_message_for_another_server_is_refused_by_aud()
    {
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin(), audience: "https://other.example/v1/checkin");
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Checkin), MessageRefusal.Audience);
    }

    [Fact]
    public async Task Payload_kind_different_from_the_typ_is_refused()
    {
        // A signer (the device itself, or a bug) labels a time payload with the check-in typ.
        string payload = "{\"ver\":\"1\",\"kind\":\"time\",\"jti\":\"" + ProtocolValues.NewId() + "\",\"seq\":1,\"timestamp\":\"" + ProtocolTimestamp.ToText(_h.Clock.GetUtcNow()) +
            "\",\"aud\":\"https://dm.example/v1/checkin\",\"serialNo\":\"SN0000000001\",\"mgmtId\":\"" + _h.MgmtId + "\",\"digitalId\":\"" + await _h.DigitalIdAsync() +
            "\",\"body\":{\"nonce\":\"" + ProtocolValues.NewNonce() + "\"}}";
        string jws = await StrictJws.SignAsync("dm-checkin+jwt", [_h.Device.Certificate], null, Encoding.UTF8.GetBytes(payload), _h.Device.SignAsync, default);
        AssertRefused(await Read(_h.Encrypt(jws), MessageKinds.Checkin), MessageRefusal.Kind);
    }

    [Theory]
    [InlineData(-121)]
    [InlineData(121)]
    public async Task Replay_timestamp_outside_120_seconds_is_refused(int offsetSeconds) =>
        AssertRefused(await Read(await SealAtAsync(offsetSeconds), MessageKinds.Checkin), MessageRefusal.Timestamp);

    [Theory]
    [InlineData(-119)]
    [InlineData(119)]
    public async Task Timestamp_inside_the_window_passes(int offsetSeconds) =>
        Assert.True((await Read(await SealAtAsync(offsetSeconds), MessageKinds.Checkin)).IsSuccess);

    private async Task<string> SealAtAsync(int offsetSeconds)
    {
        var deviceClock = new FakeTimeProvider(_h.Clock.GetUtcNow().AddSeconds(offsetSeconds));
        var writer = new UplinkWriter(deviceClock);
        var draft = new UplinkDraft(ProtocolHarness.Route(MessageKinds.Checkin).Audience, ProtocolHarness.SerialNo, 1, await _h.DigitalIdAsync(), ProtocolHarness.Checkin(), _h.MgmtId);
        SealedUplink sealedUplink = await writer.WriteAsync(draft, _h.Device.Certificate, _h.Device.SignAsync, _h.Pki.ServerEncryption.Certificate, TestPki.EncryptionKid, default);
        return sealedUplink.Compact;
    }

    [Fact]
    public async Task Signed_by_another_key_than_x5c0_is_refused()
    {
        var thief = _h.Pki.Device("SN0000000078");
        SealedUplink genuine = await _h.SealAsync(ProtocolHarness.Checkin());
        byte[] json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(genuine.Payload, Kavach.Devices.Protocol.Json.DeviceProtocolJsonContext.Default.UplinkPayload);
        string forged = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"dm-checkin+jwt\",\"x5c\":[\"{TokenForge.X5c(_h.Device)}\"]}}", json, thief.Key);
        AssertRefused(await Read(_h.Encrypt(forged), MessageKinds.Checkin), MessageRefusal.Signature);
    }

    [Fact]
    public async Task Missing_management_id_on_a_device_route_is_refused()
    {
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin(), mgmtId: null);
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Checkin), MessageRefusal.Payload);
    }

    [Fact]
    public async Task Unsigned_digital_id_is_refused()
    {
        string unsigned = Kavach.Devices.Protocol.DigitalIds.SignedDigitalId.ToUnsigned(_h.DigitalIdFields());
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin(), digitalId: unsigned);
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Checkin), MessageRefusal.DigitalId);
    }

    [Fact]
    public async Task Digital_id_of_another_serial_is_refused()
    {
        string other = await _h.DigitalIdAsync(_h.DigitalIdFields("SN0000000002"));
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin(), digitalId: other);
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Checkin), MessageRefusal.DigitalIdMismatch);
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Digital_id_dateTime_outside_300_seconds_is_refused(int offsetSeconds)
    {
        string stale = await _h.DigitalIdAsync(_h.DigitalIdFields(at: _h.Clock.GetUtcNow().AddSeconds(offsetSeconds)));
        SealedUplink sealedUplink = await _h.SealAsync(ProtocolHarness.Checkin(), digitalId: stale);
        AssertRefused(await Read(sealedUplink.Compact, MessageKinds.Checkin), MessageRefusal.DigitalIdTime);
    }

    [Fact]
    public async Task Inner_JWS_with_two_certificates_is_refused()
    {
        SealedUplink genuine = await _h.SealAsync(ProtocolHarness.Checkin());
        byte[] json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(genuine.Payload, Kavach.Devices.Protocol.Json.DeviceProtocolJsonContext.Default.UplinkPayload);
        string jws = await StrictJws.SignAsync("dm-checkin+jwt", [_h.Device.Certificate, _h.Pki.DeviceCa.Certificate], null, json, _h.Device.SignAsync, default);
        AssertRefused(await Read(_h.Encrypt(jws), MessageKinds.Checkin), MessageRefusal.SignerCertificate);
    }

    [Fact]
    public async Task Inner_content_that_is_not_a_JWS_is_refused()
    {
        AssertRefused(await Read(_h.Encrypt("not-a-jws"), MessageKinds.Checkin), MessageRefusal.Malformed);
    }

    [Fact]
    public void Clock_skew_above_300_seconds_is_a_configuration_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UplinkReader(_h.Keys, _h.Clock, new UplinkReaderOptions { ClockSkew = TimeSpan.FromSeconds(301) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new UplinkReader(_h.Keys, _h.Clock, new UplinkReaderOptions { MaxBodyBytes = 1 << 20 }));
    }
}
