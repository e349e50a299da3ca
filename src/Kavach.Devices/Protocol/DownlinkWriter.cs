using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>
/// Server side: signs responses (compact JWS, RS256, <c>typ</c> <c>dm-resp+jwt</c>, <c>x5c</c> = the server signing
/// chain) through the server keys, filling <c>jti</c>, <c>seq</c>, <c>timestamp</c>, <c>serverTime</c> and <c>exp</c>.
/// Nothing secret goes downlink.
/// </summary>
public sealed class DownlinkWriter
{
    private readonly IDeviceServerKeys _keys;
    private readonly TimeProvider _time;
    private readonly IDownlinkSequence _sequence;
    private readonly DownlinkWriterOptions _options;

    /// <summary>Creates the writer.</summary>
    public DownlinkWriter(IDeviceServerKeys keys, TimeProvider time, IDownlinkSequence sequence, DownlinkWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(sequence);
        _keys = keys;
        _time = time;
        _sequence = sequence;
        _options = (options ?? new DownlinkWriterOptions()).Validate();
    }

    /// <summary>Signs a response to a device.</summary>
    /// <exception cref="ArgumentException">The draft's kind, request id, audience or poll interval is invalid.</exception>
    public async ValueTask<SignedDownlink> WriteAsync(DownlinkDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!MessageKinds.IsUplinkKind(draft.Kind) || !ProtocolValues.IsUuidV4(draft.InResponseTo) || !ProtocolValues.IsSerialNo(draft.Audience)
            || string.IsNullOrEmpty(draft.DigitalId) || draft.PollAfterSeconds < 0)
        {
            throw new ArgumentException("The response draft needs a request kind, the request jti, the device serial, its digital id and a poll interval ≥ 0.", nameof(draft));
        }

        long seq = await _sequence.NextAsync(draft.Audience, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = ProtocolTimestamp.TruncateToMilliseconds(_time.GetUtcNow());
        var payload = new DownlinkPayload(
            MessageKinds.Version,
            draft.Kind,
            ProtocolValues.NewId(),
            seq,
            ProtocolTimestamp.ToText(now),
            ProtocolTimestamp.ToText(now + _options.Lifetime),
            ProtocolTimestamp.ToText(now),
            draft.PollAfterSeconds,
            draft.Commands ?? [],
            DownlinkBodies.ToElement(draft.Body),
            draft.InResponseTo,
            draft.Audience,
            draft.Policy,
            draft.DigitalId);
        return await SignAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Signs an enrolment challenge: a nonce the caller stored, the server time, and the nonce's expiry.</summary>
    /// <exception cref="ArgumentException">The nonce is not base64url of 32 bytes.</exception>
    public async ValueTask<SignedDownlink> WriteChallengeAsync(string nonce, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        if (!ProtocolValues.IsNonce(nonce))
        {
            throw new ArgumentException("The nonce must be base64url of 32 bytes.", nameof(nonce));
        }

        DateTimeOffset now = ProtocolTimestamp.TruncateToMilliseconds(_time.GetUtcNow());
        var body = new ChallengeBody(nonce, ProtocolTimestamp.ToText(now), ProtocolTimestamp.ToText(expires));
        var payload = new DownlinkPayload(
            MessageKinds.Version,
            MessageKinds.Challenge,
            ProtocolValues.NewId(),
            0,
            ProtocolTimestamp.ToText(now),
            ProtocolTimestamp.ToText(now + _options.Lifetime),
            ProtocolTimestamp.ToText(now),
            0,
            [],
            DownlinkBodies.ToElement(body));
        return await SignAsync(payload, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SignedDownlink> SignAsync(DownlinkPayload payload, CancellationToken cancellationToken)
    {
        IReadOnlyList<X509Certificate2> chain = await _keys.GetSigningChainAsync(cancellationToken).ConfigureAwait(false);
        byte[] json = ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.DownlinkPayload);
        string compact = await StrictJws.SignAsync(MessageKinds.ResponseType, chain, kid: null, json, _keys.SignAsync, cancellationToken).ConfigureAwait(false);
        return new SignedDownlink(compact, payload);
    }
}
