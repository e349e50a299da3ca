using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>A signed response: the compact JWS to send (<c>application/jose</c>) and the payload it carries (for the audit record).</summary>
/// <param name="Compact">The compact JWS.</param>
/// <param name="Payload">Its payload.</param>
public sealed record SignedDownlink(string Compact, DownlinkPayload Payload);
