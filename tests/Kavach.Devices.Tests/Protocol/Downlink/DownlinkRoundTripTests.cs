using System.Text;
using System.Text.Json;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Commands;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Protocol.Downlink;

public sealed class DownlinkRoundTripTests
{
    private readonly ProtocolHarness _h = new();

    private async Task<(VerifiedUplink Request, SignedDownlink Response)> ExchangeAsync(IReadOnlyList<DownlinkCommand>? commands = null, IUplinkBody? body = null, IDownlinkBody? responseBody = null)
    {
        SealedUplink sent = await _h.SealAsync(body ?? ProtocolHarness.Checkin());
        string kind = sent.Payload.Kind;
        var request = await _h.Reader.ReadAsync(sent.Compact, ProtocolHarness.Route(kind), _h.Device.Certificate, default);
        Assert.True(request.IsSuccess, request.Detail);
        SignedDownlink response = await _h.Writer.WriteAsync(
            DownlinkDraft.ReplyTo(request.Value, responseBody ?? EmptyBody.Instance, commands, new DevicePolicy(900, 20, 30), 600), default);
        return (request.Value, response);
    }

    private DownlinkExpectation Expect(VerifiedUplink request, long lastSeq = 0, string? serial = null, string? jti = null, DateTimeOffset? now = null, string? timeNonce = null) =>
        new(jti ?? request.Payload.Jti, serial ?? ProtocolHarness.SerialNo, lastSeq, now ?? _h.Clock.GetUtcNow(), request.Payload.Kind, request.RawDigitalId, timeNonce);

    private static void AssertRefused(MessageCheck<VerifiedDownlink> result, MessageRefusal reason)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Refusal);
        Assert.Equal("KER-DEV-002", result.Error!.Code);
    }

    [Fact]
    public async Task A_checkin_response_verifies_on_the_device_and_echoes_its_digital_id()
    {
        var commands = new[] { DeviceCommandCatalogue.Create(DeviceCommandKind.GetDeviceInfo, "cmd-1", _h.Clock.GetUtcNow().AddMinutes(10), NoArguments.Instance) };
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync(commands);

        var verified = _h.Verifier.Verify(response.Compact, Expect(request));

        Assert.True(verified.IsSuccess, verified.Detail);
        Assert.Equal(request.RawDigitalId, verified.Value.Payload.DigitalId);
        Assert.Equal(request.Payload.Jti, verified.Value.Payload.InResponseTo);
        Assert.Equal(600, verified.Value.Payload.PollAfterSeconds);
        Assert.Equal(new DevicePolicy(900, 20, 30), verified.Value.Payload.Policy);
        Assert.True(Assert.Single(verified.Value.Commands).IsExecutable);
        Assert.Equal(TimeSpan.FromMinutes(5), verified.Value.Expires - verified.Value.Timestamp);
    }

    [Fact]
    public async Task Response_header_is_RS256_dm_resp_jwt_with_the_signing_chain()
    {
        (_, SignedDownlink response) = await ExchangeAsync();
        var parsed = StrictJws.Parse(response.Compact, MessageKinds.ResponseType, DeviceJose.MaxChainLength);
        Assert.True(parsed.IsSuccess);
        Assert.Equal(_h.Pki.ServerSigning.Certificate.RawData, parsed.Value.Signer.RawData);
    }

    [Fact]
    public async Task Capture_path_absence_a_capture_command_reaches_the_device_as_REJECTED()
    {
        var capture = new DownlinkCommand("cmd-9", "capture", ProtocolTimestamp.ToText(_h.Clock.GetUtcNow().AddMinutes(5)), JsonDocument.Parse("{\"bioType\":\"Finger\"}").RootElement);
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync([capture]);

        var verified = _h.Verifier.Verify(response.Compact, Expect(request));

        Assert.True(verified.IsSuccess, verified.Detail);
        CatalogueCommand read = Assert.Single(verified.Value.Commands);
        Assert.Equal(CommandReadOutcome.Rejected, read.Outcome);
        Assert.False(read.IsExecutable);
    }

    [Fact]
    public async Task Response_replay_to_another_device_is_refused_by_aud()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        AssertRefused(_h.Verifier.Verify(response.Compact, Expect(request, serial: "SN0000000002")), MessageRefusal.Audience);
    }

    [Fact]
    public async Task Response_replay_to_a_later_request_of_the_same_device_is_refused_by_inResponseTo()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        AssertRefused(_h.Verifier.Verify(response.Compact, Expect(request, jti: ProtocolValues.NewId())), MessageRefusal.InResponseTo);
    }

    [Fact]
    public async Task Reordering_a_server_seq_not_above_the_last_is_refused()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        AssertRefused(_h.Verifier.Verify(response.Compact, Expect(request, lastSeq: response.Payload.Seq)), MessageRefusal.Sequence);
        Assert.True(_h.Verifier.Verify(response.Compact, Expect(request, lastSeq: response.Payload.Seq - 1)).IsSuccess);
    }

    [Fact]
    public async Task Server_seq_grows_across_responses()
    {
        (_, SignedDownlink first) = await ExchangeAsync();
        (_, SignedDownlink second) = await ExchangeAsync();
        Assert.True(second.Payload.Seq > first.Payload.Seq);
    }

    [Fact]
    public async Task Expired_or_skewed_response_is_refused()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        AssertRefused(_h.Verifier.Verify(response.Compact, Expect(request, now: _h.Clock.GetUtcNow().AddMinutes(5))), MessageRefusal.Timestamp);
        var shortSkew = new DownlinkVerifier(_h.Pki.ServerRoot.Certificate, new DownlinkVerifierOptions { ClockSkew = TimeSpan.FromMinutes(5) });
        AssertRefused(shortSkew.Verify(response.Compact, Expect(request, now: _h.Clock.GetUtcNow().AddMinutes(5))), MessageRefusal.Expired);
        AssertRefused(_h.Verifier.Verify(response.Compact, Expect(request, now: _h.Clock.GetUtcNow().AddSeconds(-121))), MessageRefusal.Timestamp);
    }

    [Fact]
    public async Task Server_impersonation_a_response_signed_by_an_unpinned_key_is_refused()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        byte[] json = ProtocolJson.Write(response.Payload, DeviceProtocolJsonContext.Default.DownlinkPayload);
        var rogue = _h.Pki.Device("rogue-server", issuer: _h.Pki.RogueCa);
        string forged = await StrictJws.SignAsync(MessageKinds.ResponseType, [rogue.Certificate, _h.Pki.RogueCa.Certificate], null, json, rogue.SignAsync, default);
        AssertRefused(_h.Verifier.Verify(forged, Expect(request)), MessageRefusal.CertificateChain);

        // The pinned root itself (a CA certificate) must not sign responses either.
        string byRoot = await StrictJws.SignAsync(MessageKinds.ResponseType, [_h.Pki.ServerRoot.Certificate], null, json, _h.Pki.ServerRoot.SignAsync, default);
        AssertRefused(_h.Verifier.Verify(byRoot, Expect(request)), MessageRefusal.CertificateChain);
    }

    [Fact]
    public async Task Response_with_a_pinned_chain_but_a_signature_by_another_key_is_refused()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        byte[] json = ProtocolJson.Write(response.Payload with { Seq = response.Payload.Seq + 1 }, DeviceProtocolJsonContext.Default.DownlinkPayload);
        string forged = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"dm-resp+jwt\",\"x5c\":[\"{TokenForge.X5c(_h.Pki.ServerSigning)}\"]}}", json, _h.Device.Key);
        AssertRefused(_h.Verifier.Verify(forged, Expect(request)), MessageRefusal.Signature);
    }

    [Fact]
    public async Task Echoed_digital_id_that_is_not_the_devices_own_is_refused()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        var expectation = Expect(request) with { DigitalId = await _h.DigitalIdAsync(_h.DigitalIdFields(at: _h.Clock.GetUtcNow().AddSeconds(-5))) };
        AssertRefused(_h.Verifier.Verify(response.Compact, expectation), MessageRefusal.DigitalId);
    }

    [Fact]
    public async Task Time_attack_a_time_response_with_the_wrong_nonce_is_refused()
    {
        string nonce = ProtocolValues.NewNonce();
        var responseBody = new TimeResponseBody(nonce, ProtocolTimestamp.ToText(_h.Clock.GetUtcNow()), 50);
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync(body: new TimeRequestBody(nonce), responseBody: responseBody);
        Assert.True(_h.Verifier.Verify(response.Compact, Expect(request, timeNonce: nonce)).IsSuccess);
        AssertRefused(_h.Verifier.Verify(response.Compact, Expect(request, timeNonce: ProtocolValues.NewNonce())), MessageRefusal.Payload);
    }

    [Fact]
    public async Task A_challenge_verifies_with_or_without_a_trusted_clock()
    {
        string nonce = ProtocolValues.NewNonce();
        SignedDownlink challenge = await _h.Writer.WriteChallengeAsync(nonce, _h.Clock.GetUtcNow().AddMinutes(5), default);

        var withoutClock = _h.Verifier.VerifyChallenge(challenge.Compact, null);
        var withClock = _h.Verifier.VerifyChallenge(challenge.Compact, _h.Clock.GetUtcNow());

        Assert.True(withoutClock.IsSuccess, withoutClock.Detail);
        Assert.True(withClock.IsSuccess, withClock.Detail);
        Assert.Equal(nonce, Assert.IsType<ChallengeBody>(withClock.Value.Body).Nonce);
        Assert.Null(withClock.Value.Payload.Aud);
    }

    [Fact]
    public async Task A_challenge_is_not_accepted_as_a_response_and_a_response_not_as_a_challenge()
    {
        (VerifiedUplink request, SignedDownlink response) = await ExchangeAsync();
        SignedDownlink challenge = await _h.Writer.WriteChallengeAsync(ProtocolValues.NewNonce(), _h.Clock.GetUtcNow().AddMinutes(5), default);
        Assert.False(_h.Verifier.Verify(challenge.Compact, Expect(request)).IsSuccess);
        Assert.False(_h.Verifier.VerifyChallenge(response.Compact, _h.Clock.GetUtcNow()).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b.c")]
    [InlineData("a.b.c.d.e")]
    public void Garbage_is_refused_without_an_exception(string compact)
    {
        var result = _h.Verifier.Verify(compact, new DownlinkExpectation(ProtocolValues.NewId(), ProtocolHarness.SerialNo, 0, _h.Clock.GetUtcNow(), MessageKinds.Checkin));
        Assert.False(result.IsSuccess);
        Assert.False(_h.Verifier.VerifyChallenge(compact, null).IsSuccess);
    }

    [Fact]
    public void Response_lifetime_above_five_minutes_is_a_configuration_error() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DownlinkWriter(_h.Keys, _h.Clock, new ClockDownlinkSequence(_h.Clock), new DownlinkWriterOptions { Lifetime = TimeSpan.FromMinutes(6) }));

    [Fact]
    public async Task Body_text_has_no_escaped_plus_in_typ()
    {
        (_, SignedDownlink response) = await ExchangeAsync();
        Assert.True(Kavach.Crypto.Base64Url.TryDecodeUrlSafe(response.Compact.Split('.')[0], out byte[] header));
        Assert.Contains("\"typ\":\"dm-resp+jwt\"", Encoding.UTF8.GetString(header), StringComparison.Ordinal);
    }
}
