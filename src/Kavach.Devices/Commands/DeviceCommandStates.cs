namespace Kavach.Devices.Commands;

/// <summary>The wire and column names of <see cref="DeviceCommandState"/> (<c>QUEUED</c>, <c>DELIVERED</c>, …) and what is final.</summary>
public static class DeviceCommandStates
{
    /// <summary>The upper-case name stored and sent (<c>TIMED_OUT</c> for <see cref="DeviceCommandState.TimedOut"/>).</summary>
    public static string ToName(this DeviceCommandState state) => state switch
    {
        DeviceCommandState.Queued => "QUEUED",
        DeviceCommandState.Delivered => "DELIVERED",
        DeviceCommandState.Succeeded => "SUCCEEDED",
        DeviceCommandState.Failed => "FAILED",
        DeviceCommandState.Rejected => "REJECTED",
        DeviceCommandState.TimedOut => "TIMED_OUT",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown command state."),
    };

    /// <summary>The state named <paramref name="name"/> (exact upper-case name), or null.</summary>
    public static DeviceCommandState? Parse(string? name) => name switch
    {
        "QUEUED" => DeviceCommandState.Queued,
        "DELIVERED" => DeviceCommandState.Delivered,
        "SUCCEEDED" => DeviceCommandState.Succeeded,
        "FAILED" => DeviceCommandState.Failed,
        "REJECTED" => DeviceCommandState.Rejected,
        "TIMED_OUT" => DeviceCommandState.TimedOut,
        _ => null,
    };

    /// <summary>True for the states a command never leaves.</summary>
    public static bool IsFinal(this DeviceCommandState state) =>
        state is DeviceCommandState.Succeeded or DeviceCommandState.Failed or DeviceCommandState.Rejected or DeviceCommandState.TimedOut;
}
