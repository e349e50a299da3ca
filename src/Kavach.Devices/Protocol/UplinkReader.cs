using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>
/// Server side: reads a device → server message (compact JWE around a compact JWS) and runs the checks of spec §4.3 that
/// need no database, cheapest first, failing closed: size; five parts; JWE header; decryption through the server keys;
/// inner JWS header (RS256, the route's <c>typ</c>, exactly one <c>x5c</c>); equality with the TLS client certificate;
/// signature; strict payload; kind; exact audience; timestamp window; digital-id signature, serial and time.
/// </summary>
/// <remarks>Every failure is <see cref="DeviceMessageErrors.MessageRefused"/>; the reason is a separate value for the audit record.</remarks>
public sealed class UplinkReader
{
    private readonly IDeviceServerKeys _keys;
    private readonly TimeProvider _time;
    private readonly UplinkReaderOptions _options;

    /// <summary>Creates the reader.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public UplinkReader(IDeviceServerKeys keys, TimeProvider time, UplinkReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _keys = keys;
        _time = time;
        _options = (options ?? new UplinkReaderOptions()).Validate();
    }

    /// <summary>Reads a request body (<c>application/jose</c>, ASCII).</summary>
    public ValueTask<MessageCheck<VerifiedUplink>> ReadAsync(ReadOnlyMemory<byte> body, UplinkRoute route, X509Certificate2? tlsClientCertificate, CancellationToken cancellationToken)
    {
        if (body.Length > _options.MaxBodyBytes)
        {
            return ValueTask.FromResult(Refuse(MessageRefusal.TooLarge, "body larger than the limit"));
        }

        foreach (byte b in body.Span)
        {
            if (b is < 0x21 or > 0x7E)
            {
                return ValueTask.FromResult(Refuse(MessageRefusal.Malformed, "body is not a compact serialization"));
            }
        }

        return ReadAsync(Encoding.ASCII.GetString(body.Span), route, tlsClientCertificate, cancellationToken);
    }

    /// <summary>Reads a compact JWE.</summary>
    public async ValueTask<MessageCheck<VerifiedUplink>> ReadAsync(string? compact, UplinkRoute route, X509Certificate2? tlsClientCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (compact is null || compact.Length > _options.MaxBodyBytes)
        {
            return Refuse(MessageRefusal.TooLarge, "body missing or larger than the limit");
        }

        MessageCheck<JweContent> decrypted = await StrictJwe.DecryptAsync(compact, _keys.UnwrapContentKeyAsync, cancellationToken).ConfigureAwait(false);
        if (!decrypted.IsSuccess)
        {
            return decrypted.Forward<VerifiedUplink>();
        }

        string jws;
        try
        {
            jws = new ASCIIEncoding().GetString(decrypted.Value.Plaintext);
        }
        finally
        {
            Array.Clear(decrypted.Value.Plaintext);
        }

        MessageCheck<StrictJwsToken> parsed = StrictJws.Parse(jws, route.Typ, maxCertificates: 1);
        if (!parsed.IsSuccess)
        {
            return parsed.Forward<VerifiedUplink>();
        }

        StrictJwsToken token = parsed.Value;
        bool bound = route.Binding switch
        {
            TlsBinding.Required => tlsClientCertificate is not null && SameCertificate(tlsClientCertificate, token.Signer),
            TlsBinding.IfPresented => tlsClientCertificate is null || SameCertificate(tlsClientCertificate, token.Signer),
            _ => true,
        };
        if (!bound)
        {
            return Refuse(MessageRefusal.TlsCertificateMismatch, "x5c[0] is not the TLS client certificate");
        }

        if (!StrictJws.VerifySignature(token))
        {
            return Refuse(MessageRefusal.Signature, "JWS signature does not verify with x5c[0]");
        }

        if (!ProtocolJson.TryRead(token.Payload.Span, DeviceProtocolJsonContext.Default.UplinkPayload, out UplinkPayload? payload))
        {
            return Refuse(MessageRefusal.Payload, "payload is not strictly the uplink schema");
        }

        if (!string.Equals(payload.Kind, route.Kind, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Kind, "payload kind is not the route's");
        }

        if (!string.Equals(payload.Aud, route.Audience, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.Audience, "payload aud is not this endpoint");
        }

        if (!EnvelopeValid(payload, out DateTimeOffset timestamp)
            || !UplinkBodies.TryRead(payload.Kind, payload.Body, out IUplinkBody? body))
        {
            return Refuse(MessageRefusal.Payload, "payload envelope or body out of format");
        }

        DateTimeOffset now = _time.GetUtcNow();
        if ((now - timestamp).Duration() > _options.ClockSkew)
        {
            return Refuse(MessageRefusal.Timestamp, "timestamp outside the window");
        }

        MessageCheck<VerifiedDigitalId> digitalId = SignedDigitalId.Read(payload.DigitalId);
        if (!digitalId.IsSuccess)
        {
            return digitalId.Forward<VerifiedUplink>();
        }

        if (!string.Equals(digitalId.Value.Payload.SerialNo, payload.SerialNo, StringComparison.Ordinal))
        {
            return Refuse(MessageRefusal.DigitalIdMismatch, "digital id serial is not the payload's");
        }

        if ((now - digitalId.Value.DateTime).Duration() > _options.DigitalIdSkew)
        {
            return Refuse(MessageRefusal.DigitalIdTime, "digital id dateTime outside the window");
        }

        return MessageCheck<VerifiedUplink>.Ok(new VerifiedUplink(token.Signer, payload, body, digitalId.Value, timestamp, decrypted.Value.Kid));
    }

    private static bool EnvelopeValid(UplinkPayload payload, out DateTimeOffset timestamp)
    {
        timestamp = default;
        bool mgmtIdRequired = payload.Kind is not (MessageKinds.Enroll or MessageKinds.Reenroll);
        return payload.Ver == MessageKinds.Version
            && ProtocolValues.IsUuidV4(payload.Jti)
            && payload.Seq >= 1
            && ProtocolValues.IsSerialNo(payload.SerialNo)
            && (payload.MgmtId is null ? !mgmtIdRequired : ProtocolValues.IsUuidV4(payload.MgmtId))
            && (payload.Kind != MessageKinds.Enroll || payload.MgmtId is null)
            && payload.DigitalId is { Length: > 0 }
            && ProtocolTimestamp.TryParse(payload.Timestamp, out timestamp);
    }

    private static bool SameCertificate(X509Certificate2 a, X509Certificate2 b) =>
        a.RawDataMemory.Span.SequenceEqual(b.RawDataMemory.Span);

    private static MessageCheck<VerifiedUplink> Refuse(MessageRefusal refusal, string detail) =>
        MessageCheck<VerifiedUplink>.Refuse(DeviceMessageErrors.MessageRefused, refusal, detail);
}
