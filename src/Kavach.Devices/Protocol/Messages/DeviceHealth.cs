namespace Kavach.Devices.Protocol.Messages;

/// <summary>Health counters of a check-in.</summary>
/// <param name="Temp">Temperature in °C.</param>
/// <param name="TamperFlag">True when the tamper sensor fired.</param>
/// <param name="BootFailures">Failed boots since the last good one.</param>
public sealed record DeviceHealth(
    double Temp,
    bool TamperFlag,
    int BootFailures);
