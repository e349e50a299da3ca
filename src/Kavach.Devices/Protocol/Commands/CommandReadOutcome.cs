namespace Kavach.Devices.Protocol.Commands;

/// <summary>What the device makes of one command it received.</summary>
public enum CommandReadOutcome
{
    /// <summary>A catalogue kind with valid arguments, not expired: it may run.</summary>
    Accepted,

    /// <summary>Unknown kind or invalid arguments: never executed, reported as <c>REJECTED</c>.</summary>
    Rejected,

    /// <summary>Its <c>exp</c> has passed: never executed, reported as <c>REJECTED</c>.</summary>
    Expired,
}
