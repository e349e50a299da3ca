namespace Kavach.Devices.Protocol.Commands;

/// <summary>Arguments of <c>setPolicy</c>: the new <see cref="Messages.DevicePolicy"/>, member for member.</summary>
/// <param name="CheckinSeconds">Seconds between check-ins (60 to 86,400).</param>
/// <param name="RotateAfterDays">Certificate age at which rotation is due (1 to 365, below <paramref name="CertDays"/>).</param>
/// <param name="CertDays">Device certificate lifetime (1 to 397).</param>
public sealed record SetPolicyArguments(int CheckinSeconds, int RotateAfterDays, int CertDays) : IDeviceCommandArguments;
