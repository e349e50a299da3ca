using System.Text.Json;
using System.Text.Json.Serialization;

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
    [property: JsonPropertyOrder(0)] string Ver,
    [property: JsonPropertyOrder(1)] string Kind,
    [property: JsonPropertyOrder(2)] string Jti,
    [property: JsonPropertyOrder(3)] long Seq,
    [property: JsonPropertyOrder(4)] string Timestamp,
    [property: JsonPropertyOrder(5)] string Aud,
    [property: JsonPropertyOrder(6)] string SerialNo,
    [property: JsonPropertyOrder(8)] string DigitalId,
    [property: JsonPropertyOrder(9)] JsonElement Body,
    [property: JsonPropertyOrder(7)] string? MgmtId = null);
