using System.Text;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// The §4.3 checks enrolment messages share, in the spec's order, through the protocol's strict JOSE: size, JWE to a
/// current server key, inner JWS of the route's <c>typ</c> with exactly one certificate whose key signed it, strict
/// payload of the route's kind and audience, timestamp within the window. Who the signer must be is the caller's check.
/// </summary>
internal sealed class EnrolmentMessageReader
{
    private readonly IDeviceServerKeys _keys;
    private readonly EnrolmentOptions _options;
    private readonly TimeProvider _time;

    public EnrolmentMessageReader(IDeviceServerKeys keys, EnrolmentOptions options, TimeProvider time)
    {
        _keys = keys;
        _options = options;
        _time = time;
    }

    public async ValueTask<MessageCheck<EnrolmentMessage>> ReadAsync(string? compact, string kind, string audience, CancellationToken cancellationToken)
    {
        if (compact is null || compact.Length > ProtocolJson.MaxBytes)
        {
            return Refuse(MessageRefusal.TooLarge, "body missing or larger than 64 KiB");
        }

        var decrypted = await StrictJwe.DecryptAsync(compact, _keys.UnwrapContentKeyAsync, cancellationToken);
        if (!decrypted.IsSuccess)
        {
            return decrypted.Forward<EnrolmentMessage>();
        }

        string jws;
        try
        {
            jws = new UTF8Encoding(false, true).GetString(decrypted.Value!.Plaintext);
        }
        catch (DecoderFallbackException)
        {
            return Refuse(MessageRefusal.Malformed, "inner JWS is not UTF-8");
        }

        var parsed = StrictJws.Parse(jws, MessageKinds.UplinkType(kind), maxCertificates: 1);
        if (!parsed.IsSuccess)
        {
            return parsed.Forward<EnrolmentMessage>();
        }

        var token = parsed.Value!;
        if (!StrictJws.VerifySignature(token))
        {
            return Refuse(MessageRefusal.Signature, "JWS signature does not verify with x5c[0]");
        }

        if (!ProtocolJson.TryRead(token.Payload.Span, DeviceProtocolJsonContext.Default.UplinkPayload, out var payload)
            || payload.Ver != MessageKinds.Version
            || !ProtocolValues.IsUuidV4(payload.Jti)
            || !ProtocolValues.IsSerialNo(payload.SerialNo)
            || payload.Seq < 0)
        {
            return Refuse(MessageRefusal.Payload, "payload is not a strict uplink payload");
        }

        if (!string.Equals(payload.Kind, kind, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Kind, "payload kind is not the route's");
        }

        if (!string.Equals(payload.Aud, audience, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Audience, "aud is not this endpoint");
        }

        if (!ProtocolTimestamp.TryParse(payload.Timestamp, out var timestamp) || (_time.GetUtcNow() - timestamp).Duration() > Window)
        {
            return Refuse(MessageRefusal.Timestamp, "timestamp outside the window");
        }

        if (!UplinkBodies.TryRead(kind, payload.Body, out var body))
        {
            return Refuse(MessageRefusal.Payload, "body is not the kind's strict body");
        }

        return MessageCheck<EnrolmentMessage>.Ok(new EnrolmentMessage(token, payload, body, timestamp));
    }

    private TimeSpan Window => _options.TimestampWindow > TimeSpan.FromSeconds(300) ? TimeSpan.FromSeconds(300) : _options.TimestampWindow;

    private static MessageCheck<EnrolmentMessage> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<EnrolmentMessage>.Refuse(EnrolmentErrors.EnrolmentRefused, refusal, detail);
}
