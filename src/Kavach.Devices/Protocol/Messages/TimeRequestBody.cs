namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>time</c> (spec §4.7): the device's nonce the signed time is bound to.</summary>
/// <param name="Nonce">Base64url of 32 random bytes.</param>
public sealed record TimeRequestBody(
    string Nonce) : IUplinkBody;
