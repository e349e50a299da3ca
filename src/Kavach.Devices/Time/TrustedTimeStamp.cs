using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Time;

/// <summary>The content of a signed time response (spec §4.7): the device's nonce, the server's time and its uncertainty.</summary>
/// <param name="Nonce">The device's nonce, base64url, echoed.</param>
/// <param name="ServerTime">The server's time, whole milliseconds, UTC.</param>
/// <param name="RadiusMs">The server clock's error bound in milliseconds, rounded up.</param>
public sealed record TrustedTimeStamp(string Nonce, DateTimeOffset ServerTime, long RadiusMs)
{
    /// <summary>The response body the downlink writer signs (<c>time</c> kind).</summary>
    public TimeResponseBody ToBody() => new(Nonce, ProtocolTimestamp.ToText(ServerTime), (int)Math.Min(RadiusMs, int.MaxValue));
}
