using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol;

/// <summary>A signed-then-encrypted device message: the compact JWE to send, and the payload (its <c>jti</c> is what the response must answer).</summary>
/// <param name="Compact">The compact JWE (<c>application/jose</c>).</param>
/// <param name="Payload">The signed payload inside.</param>
public sealed record SealedUplink(string Compact, UplinkPayload Payload);
