using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>The signed payload of every server → device response (spec §4.3 with §4.13.1).</summary>
/// <param name="Ver">Protocol version, <c>1</c>.</param>
/// <param name="Kind">The request kind answered, or <c>challenge</c>.</param>
/// <param name="Jti">A fresh UUIDv4 for this response.</param>
/// <param name="Seq">The server's per-device sequence number; the device refuses one not above the last it accepted.</param>
/// <param name="Timestamp">When the server signed it (ISO 8601 UTC, milliseconds).</param>
/// <param name="Exp">When it stops being valid (at most five minutes after <paramref name="Timestamp"/>).</param>
/// <param name="ServerTime">The server's clock (ISO 8601 UTC, milliseconds).</param>
/// <param name="PollAfterSeconds">When the device should call again.</param>
/// <param name="Commands">Commands from the closed catalogue, perhaps none.</param>
/// <param name="Body">The kind-specific body, a JSON object (see <see cref="DownlinkBodies"/>).</param>
/// <param name="InResponseTo">The <c>jti</c> of the request answered; absent only on a challenge.</param>
/// <param name="Aud">The device's serial; absent only on a challenge (the device is not known yet).</param>
/// <param name="Policy">The device policy, when the server sends it.</param>
/// <param name="DigitalId">The device's own signed digital id from the request, echoed (§4.13.1); absent only on a challenge.</param>
public sealed record DownlinkPayload(
    [property: JsonPropertyOrder(0)] string Ver,
    [property: JsonPropertyOrder(1)] string Kind,
    [property: JsonPropertyOrder(2)] string Jti,
    [property: JsonPropertyOrder(4)] long Seq,
    [property: JsonPropertyOrder(5)] string Timestamp,
    [property: JsonPropertyOrder(6)] string Exp,
    [property: JsonPropertyOrder(8)] string ServerTime,
    [property: JsonPropertyOrder(9)] int PollAfterSeconds,
    [property: JsonPropertyOrder(10)] IReadOnlyList<DownlinkCommand> Commands,
    [property: JsonPropertyOrder(13)] JsonElement Body,
    [property: JsonPropertyOrder(3)] string? InResponseTo = null,
    [property: JsonPropertyOrder(7)] string? Aud = null,
    [property: JsonPropertyOrder(11)] DevicePolicy? Policy = null,
    [property: JsonPropertyOrder(12)] string? DigitalId = null);
