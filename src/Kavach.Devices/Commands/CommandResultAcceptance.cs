namespace Kavach.Devices.Commands;

/// <summary>A device's result as recorded.</summary>
/// <param name="Command">The command after the result.</param>
/// <param name="Duplicate">True when the same result had been recorded before and nothing changed.</param>
public sealed record CommandResultAcceptance(DeviceCommandRecord Command, bool Duplicate);
