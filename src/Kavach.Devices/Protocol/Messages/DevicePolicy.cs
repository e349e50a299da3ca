namespace Kavach.Devices.Protocol.Messages;

/// <summary>The policy a device follows (sent with enrolment results, check-in responses and <c>setPolicy</c>).</summary>
/// <param name="CheckinSeconds">Seconds between check-ins (default 900, jittered ±10 % by the device).</param>
/// <param name="RotateAfterDays">Certificate age at which rotation is due (default 20).</param>
/// <param name="CertDays">Device certificate lifetime (default 30).</param>
public sealed record DevicePolicy(
    int CheckinSeconds,
    int RotateAfterDays,
    int CertDays);
