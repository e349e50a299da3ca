using System.Text.Json;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>The signed payload of every device → server message (spec §4.3): the envelope around a kind-specific body.</summary>
/// <param name="Ver">Protocol version, <c>1</c>.</param>
/// <param name="Kind">One of <see cref="MessageKinds"/>; must match the route.</param>
/// <param name="Jti">A fresh UUIDv4 (lower case), never reused by the device.</param>
/// <param name="Seq">The device's sequence number: +1 per message, strictly increasing, survives key rotation.</param>
/// <param name="Timestamp">When the device signed it: ISO 8601 UTC with milliseconds (<see cref="ProtocolTimestamp"/>).</param>
/// <param name="Aud">The exact URL of the endpoint it is meant for.</param>
/// <param name="SerialNo">The device serial (SBI <c>deviceCode</c>).</param>
/// <param name="DigitalId">The device's signed digital id (compact JWS: L1 by the FTM key, L0 by the device key).</param>
/// <param name="Body">The kind-specific body, a JSON object (see <see cref="UplinkBodies"/>).</param>
/// <param name="MgmtId">Our management id; absent before enrolment completes.</param>
public sealed record UplinkPayload(
    string Ver,
    string Kind,
    string Jti,
    long Seq,
    string Timestamp,
    string Aud,
    string SerialNo,
    string DigitalId,
    JsonElement Body,
    string? MgmtId = null);
