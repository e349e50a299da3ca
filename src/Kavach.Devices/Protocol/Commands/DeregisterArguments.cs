namespace Kavach.Devices.Protocol.Commands;

/// <summary>Arguments of <c>deregister</c> (spec §4.10).</summary>
/// <param name="Reason">Why (printable text, at most 256 characters).</param>
public sealed record DeregisterArguments(string Reason) : IDeviceCommandArguments;
