namespace Kavach.Devices.Protocol.Commands;

/// <summary>The typed arguments of one catalogue command kind.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marks the closed set of command argument records.")]
public interface IDeviceCommandArguments;
