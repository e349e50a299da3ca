namespace Kavach.DeviceAgent.Fleet;

/// <summary>One device's failure in a fleet phase: the agent's error code (or the exception type for a fault) and its message.</summary>
/// <param name="SerialNo">The device.</param>
/// <param name="Code">An <see cref="AgentErrors"/> code, or the exception's type name when it was not an expected failure.</param>
/// <param name="Message">The message (the agent's messages carry no secrets).</param>
public sealed record FleetError(string SerialNo, string Code, string Message);
