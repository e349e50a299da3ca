namespace Kavach.Devices.Commands;

/// <summary>Where a command is in its life (spec §4.6, AWS Jobs-like): queued, handed to the device, then one final state.</summary>
public enum DeviceCommandState
{
    /// <summary>Waiting for the device's next check-in or long-poll.</summary>
    Queued,

    /// <summary>Handed to the device; waiting for its result.</summary>
    Delivered,

    /// <summary>The device reported success.</summary>
    Succeeded,

    /// <summary>The device tried and failed.</summary>
    Failed,

    /// <summary>The device refused the command (unknown kind, bad arguments, not allowed in its state).</summary>
    Rejected,

    /// <summary>No result came before the command expired, or after the last delivery attempt.</summary>
    TimedOut,
}
