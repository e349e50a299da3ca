namespace Kavach.DeviceAgent.Commands;

/// <summary>How one command ended on the device.</summary>
/// <param name="CmdId">The command.</param>
/// <param name="Kind">Its kind as sent (the wire name), or <c>unknown</c>.</param>
/// <param name="Status"><c>SUCCEEDED</c>, <c>FAILED</c> or <c>REJECTED</c>.</param>
public sealed record CommandOutcome(string CmdId, string Kind, string Status);
