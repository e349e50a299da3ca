namespace Kavach.Devices.Protocol.Commands;

/// <summary>A received command as the device reads it: runnable only when <see cref="Outcome"/> is <see cref="CommandReadOutcome.Accepted"/>.</summary>
/// <param name="CmdId">The command's id (for the result).</param>
/// <param name="Outcome">Accepted, rejected or expired.</param>
/// <param name="Kind">The catalogue kind; null when the kind is not in the catalogue.</param>
/// <param name="Exp">The expiry, when it parsed.</param>
/// <param name="Arguments">The typed arguments when accepted; null otherwise.</param>
/// <param name="Reason">Why it was not accepted (for the device's log and the <c>REJECTED</c> result).</param>
public sealed record CatalogueCommand(
    string CmdId,
    CommandReadOutcome Outcome,
    DeviceCommandKind? Kind,
    DateTimeOffset? Exp,
    IDeviceCommandArguments? Arguments,
    string? Reason)
{
    /// <summary>True when the device may execute it.</summary>
    public bool IsExecutable => Outcome == CommandReadOutcome.Accepted && Kind is not null && Arguments is not null;
}
