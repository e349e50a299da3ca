using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Authority;
using Kavach.Devices.Protocol;

namespace Kavach.Devices.Enrolment;

/// <summary>
/// Reads enrolment messages through the protocol's <see cref="UplinkReader"/> (§4.3, cheapest check first: size, JWE to
/// a current server key, inner JWS of the route's <c>typ</c> with exactly one certificate whose key signed it, the TLS
/// binding of the route, strict payload of the route's kind and audience, timestamp and digital-id windows) and turns
/// its refusal into enrolment's one generic error. Who the signer must be is the caller's check.
/// </summary>
internal sealed class EnrolmentMessageReader
{
    private readonly UplinkReader _reader;

    public EnrolmentMessageReader(IDeviceServerKeys keys, EnrolmentOptions options, TimeProvider time) =>
        _reader = new UplinkReader(keys, time, new UplinkReaderOptions
        {
            ClockSkew = options.TimestampWindow > UplinkReaderOptions.MaxClockSkew ? UplinkReaderOptions.MaxClockSkew : options.TimestampWindow,
            DigitalIdSkew = options.DigitalIdWindow,
        });

    public async ValueTask<MessageCheck<EnrolmentMessage>> ReadAsync(string? compact, string kind, string audience, X509Certificate2? tlsClientCertificate, CancellationToken cancellationToken)
    {
        var read = await _reader.ReadAsync(compact, UplinkRoute.For(kind, audience), tlsClientCertificate, cancellationToken);
        if (!read.IsSuccess)
        {
            return MessageCheck<EnrolmentMessage>.Refuse(EnrolmentErrors.EnrolmentRefused, read.Refusal, read.Detail ?? "refused by the uplink reader");
        }

        var uplink = read.Value!;
        return MessageCheck<EnrolmentMessage>.Ok(new EnrolmentMessage(uplink.SignerCertificate, uplink.Payload, uplink.Body, uplink.Timestamp));
    }
}
