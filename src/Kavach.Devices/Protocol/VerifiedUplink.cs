using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Protocol.DigitalIds;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>
/// An uplink that passed every check that needs no database (spec §4.3 steps 2–6, digital-id signature and time). Whether
/// <see cref="SignerCertificate"/> is an enrolled device certificate (or an approved FTM chip), whether the <c>jti</c> is
/// new and the <c>seq</c> advances, and whether the digital id's signer and fields match the registry, is decided by the
/// caller (<c>Messaging.DeviceMessageGate</c> for enrolled devices, enrolment for the rest).
/// </summary>
/// <param name="SignerCertificate">The JWS <c>x5c[0]</c>: the device certificate, or the FTM chip certificate on enroll/reenroll.</param>
/// <param name="Payload">The envelope.</param>
/// <param name="Body">The kind's body (its type follows from <see cref="UplinkPayload.Kind"/>).</param>
/// <param name="DigitalId">The digital id, its signature verified with its own <c>x5c[0]</c>, its serial equal to the payload's.</param>
/// <param name="Timestamp">The payload timestamp.</param>
/// <param name="EncryptionKid">The server encryption key the JWE was sent to.</param>
public sealed record VerifiedUplink(
    X509Certificate2 SignerCertificate,
    UplinkPayload Payload,
    IUplinkBody Body,
    VerifiedDigitalId DigitalId,
    DateTimeOffset Timestamp,
    string EncryptionKid)
{
    /// <summary>The signed digital id as received, for the response's echo (§4.13.1).</summary>
    public string RawDigitalId => DigitalId.Compact;
}
