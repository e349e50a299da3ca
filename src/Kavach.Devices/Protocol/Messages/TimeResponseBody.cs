namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of a <c>time</c> response (spec §4.7): signed time bound to the device's nonce.</summary>
/// <param name="Nonce">The device's nonce, echoed.</param>
/// <param name="ServerTime">The server's clock (ISO 8601 UTC, milliseconds).</param>
/// <param name="RadiusMs">The server's own uncertainty in milliseconds.</param>
public sealed record TimeResponseBody(
    string Nonce,
    string ServerTime,
    int RadiusMs) : IDownlinkBody;
