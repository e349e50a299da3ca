using System.Security.Cryptography.X509Certificates;

namespace Kavach.Devices.Protocol.DigitalIds;

/// <summary>A signed digital id whose signature verified with its <c>x5c[0]</c>; whether that certificate is the right one is the caller's check.</summary>
/// <param name="Compact">The compact JWS as received (echoed in responses, §4.13.1).</param>
/// <param name="Signer">The signer's certificate, <c>x5c[0]</c> (FTM chip certificate on L1, device certificate on L0).</param>
/// <param name="Payload">The eight fields.</param>
/// <param name="DateTime">The parsed <c>dateTime</c>.</param>
public sealed record VerifiedDigitalId(string Compact, X509Certificate2 Signer, DigitalIdPayload Payload, DateTimeOffset DateTime);
