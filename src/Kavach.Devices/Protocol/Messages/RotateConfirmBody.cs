namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of <c>rotate-confirm</c> (spec §4.8 step 5): signed with the new key over TLS with the new certificate.</summary>
/// <param name="RotationId">The rotation being confirmed.</param>
public sealed record RotateConfirmBody(
    string RotationId) : IUplinkBody;
