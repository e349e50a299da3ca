namespace Kavach.Devices.Protocol;

/// <summary>What the device expects of the response to the request it just sent.</summary>
/// <param name="RequestJti">The <c>jti</c> of its request: the response's <c>inResponseTo</c>.</param>
/// <param name="SerialNo">Its own serial: the response's <c>aud</c>.</param>
/// <param name="LastSeq">The highest server <c>seq</c> it accepted before (persisted); the response's must be above it.</param>
/// <param name="TrustedNow">Its trusted clock now (server-synchronised time plus monotonic elapsed).</param>
/// <param name="Kind">The kind of its request: the response's <c>kind</c>.</param>
/// <param name="DigitalId">Its signed digital id as sent; when given, the echo must equal it (§4.13.1).</param>
/// <param name="TimeNonce">For a time request, the nonce sent; the signed time must carry it.</param>
public sealed record DownlinkExpectation(
    string RequestJti,
    string SerialNo,
    long LastSeq,
    DateTimeOffset TrustedNow,
    string Kind,
    string? DigitalId = null,
    string? TimeNonce = null);
