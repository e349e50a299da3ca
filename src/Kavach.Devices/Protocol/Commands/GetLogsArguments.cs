namespace Kavach.Devices.Protocol.Commands;

/// <summary>Arguments of <c>getLogs</c>: redacted log entries after this sequence number (no biometrics ever).</summary>
/// <param name="SinceSeq">The last log sequence number already collected (0 for all).</param>
public sealed record GetLogsArguments(long SinceSeq) : IDeviceCommandArguments;
