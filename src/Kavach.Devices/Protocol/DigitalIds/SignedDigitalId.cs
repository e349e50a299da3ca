using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol.DigitalIds;

/// <summary>
/// The signed digital id (spec §1.4): a compact JWS, <c>alg</c> RS256, <c>typ</c> JWT, <c>x5c</c> a JSON array whose
/// first certificate signs — the FTM chip certificate on L1, the device certificate on L0. As in MOSIP, certificates after
/// <c>x5c[0]</c> are ignored.
/// </summary>
public static class SignedDigitalId
{
    private const int MaxFieldLength = 128;

    /// <summary>Signs <paramref name="payload"/> as a digital id with <c>x5c</c> = [<paramref name="signerCertificate"/>].</summary>
    /// <exception cref="ArgumentException">The payload breaks the digital-id rules (<see cref="IsValid"/>).</exception>
    public static ValueTask<string> SignAsync(
        DigitalIdPayload payload,
        X509Certificate2 signerCertificate,
        Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signerCertificate);
        if (!IsValid(payload))
        {
            throw new ArgumentException("The digital id breaks MOSIP's rules (fields, type/sub-type pair or dateTime).", nameof(payload));
        }

        byte[] json = ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.DigitalIdPayload);
        return StrictJws.SignAsync(DeviceJose.DigitalIdType, [signerCertificate], kid: null, json, sign, cancellationToken);
    }

    /// <summary>The unsigned form, <c>base64url(payload)</c>: what an unregistered L0 device shows; never accepted by the server.</summary>
    public static string ToUnsigned(DigitalIdPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return Kavach.Crypto.Base64Url.Encode(ProtocolJson.Write(payload, DeviceProtocolJsonContext.Default.DigitalIdPayload));
    }

    /// <summary>
    /// Reads and verifies a signed digital id: strict JWS header, RS256, typ JWT, signature by <c>x5c[0]</c>, the eight
    /// fields exactly (<see cref="IsValid"/>). An unsigned digital id is refused.
    /// </summary>
    public static MessageCheck<VerifiedDigitalId> Read(string? compact)
    {
        MessageCheck<StrictJwsToken> parsed = StrictJws.Parse(compact, DeviceJose.DigitalIdType, DeviceJose.MaxChainLength);
        if (!parsed.IsSuccess)
        {
            return Refuse("digital id: " + parsed.Detail);
        }

        StrictJwsToken token = parsed.Value;
        if (!StrictJws.VerifySignature(token))
        {
            return Refuse("digital id signature does not verify with x5c[0]");
        }

        if (!ProtocolJson.TryRead(token.Payload.Span, DeviceProtocolJsonContext.Default.DigitalIdPayload, out DigitalIdPayload? payload)
            || !IsValid(payload)
            || !DigitalIdTime.TryParse(payload.DateTime, out DateTimeOffset dateTime))
        {
            return Refuse("digital id payload is not exactly the eight valid fields");
        }

        return MessageCheck<VerifiedDigitalId>.Ok(new VerifiedDigitalId(compact!, token.Signer, payload, dateTime));
    }

    /// <summary>
    /// True when every field is present and printable (≤ 128 characters), the serial is well formed, the sub-type is
    /// allowed for the type, and <c>dateTime</c> has whole seconds and a <c>Z</c>.
    /// </summary>
    public static bool IsValid(DigitalIdPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return ProtocolValues.IsSerialNo(payload.SerialNo)
            && ProtocolValues.IsShortText(payload.Make, MaxFieldLength)
            && ProtocolValues.IsShortText(payload.Model, MaxFieldLength)
            && ProtocolValues.IsShortText(payload.DeviceProvider, MaxFieldLength)
            && ProtocolValues.IsShortText(payload.DeviceProviderId, MaxFieldLength)
            && DigitalIdTypes.IsAllowed(payload.Type, payload.DeviceSubType)
            && DigitalIdTime.TryParse(payload.DateTime, out _);
    }

    private static MessageCheck<VerifiedDigitalId> Refuse(string detail) =>
        MessageCheck<VerifiedDigitalId>.Refuse(DeviceMessageErrors.MessageRefused, MessageRefusal.DigitalId, detail);
}
