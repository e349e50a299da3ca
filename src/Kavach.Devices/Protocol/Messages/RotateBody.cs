namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>rotate</c> (spec §4.8 step 3): signed with the old device key.</summary>
/// <param name="RotationId">The id from the <c>rotateKey</c> command.</param>
/// <param name="Csr">The PKCS#10 CSR of the new key, base64url of its DER.</param>
public sealed record RotateBody(
    string RotationId,
    string Csr) : IUplinkBody;
