using System.Text.Json;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// Signs enrolment's downlink messages (spec §4.3, §4.13.1): a compact JWS by the server signing key, <c>typ</c>
/// <c>dm-resp+jwt</c>, answering the request's <c>jti</c>, addressed to the serial and echoing the device's digital id.
/// Enrolment responses carry server <c>seq</c> 0: the device's downlink sequence starts with its first check-in.
/// </summary>
internal sealed class EnrolmentResponses
{
    private readonly IDeviceServerKeys _keys;
    private readonly EnrolmentOptions _options;
    private readonly TimeProvider _time;

    public EnrolmentResponses(IDeviceServerKeys keys, EnrolmentOptions options, TimeProvider time)
    {
        _keys = keys;
        _options = options;
        _time = time;
    }

    public DevicePolicy Policy(int certDays) => new(_options.CheckinSeconds, _options.RotateAfterDays, certDays);

    public ValueTask<string> ChallengeAsync(ChallengeBody body, CancellationToken cancellationToken) =>
        SignAsync(MessageKinds.Challenge, DownlinkBodies.ToElement(body), inResponseTo: null, aud: null, policy: null, digitalId: null, cancellationToken);

    public ValueTask<string> AnswerAsync(EnrolmentMessage request, IDownlinkBody body, DevicePolicy? policy, CancellationToken cancellationToken) =>
        SignAsync(request.Payload.Kind, DownlinkBodies.ToElement(body), request.Payload.Jti, request.Payload.SerialNo, policy, request.Payload.DigitalId, cancellationToken);

    private async ValueTask<string> SignAsync(string kind, JsonElement body, string? inResponseTo, string? aud, DevicePolicy? policy, string? digitalId, CancellationToken cancellationToken)
    {
        var now = ProtocolTimestamp.TruncateToMilliseconds(_time.GetUtcNow());
        var payload = new DownlinkPayload(
            MessageKinds.Version,
            kind,
            ProtocolValues.NewId(),
            0,
            ProtocolTimestamp.ToText(now),
            ProtocolTimestamp.ToText(now + _options.ResponseLifetime),
            ProtocolTimestamp.ToText(now),
            policy?.CheckinSeconds ?? _options.CheckinSeconds,
            [],
            body,
            inResponseTo,
            aud,
            policy,
            digitalId);
        var json = ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.DownlinkPayload);
        var chain = await _keys.GetSigningChainAsync(cancellationToken);
        return await StrictJws.SignAsync(MessageKinds.ResponseType, chain, kid: null, json, _keys.SignAsync, cancellationToken);
    }
}
