namespace Kavach.Devices.Protocol.Messages;

/// <summary>Body of the <c>enroll</c> and <c>reenroll</c> responses (spec §4.5 step 5).</summary>
/// <param name="MgmtId">Our management id for the device (UUIDv4).</param>
/// <param name="CertChain">The device certificate, then the device CA chain, each padded base64 DER.</param>
/// <param name="Policy">The device policy.</param>
public sealed record EnrollmentResultBody(
    string MgmtId,
    IReadOnlyList<string> CertChain,
    DevicePolicy Policy) : IDownlinkBody;
