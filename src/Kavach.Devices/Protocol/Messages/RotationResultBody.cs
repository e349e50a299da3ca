namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of a <c>rotate</c> response (spec §4.8 step 4).</summary>
/// <param name="RotationId">The rotation.</param>
/// <param name="CertChain">The new (pending) certificate, then the device CA chain, each padded base64 DER.</param>
public sealed record RotationResultBody(
    string RotationId,
    IReadOnlyList<string> CertChain) : IDownlinkBody;
