namespace Kavach.Devices.Protocol.Messages;

/// <summary>A device → server message body; the concrete type follows from the message kind (<see cref="UplinkBodies"/>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marks the closed set of uplink bodies for the reader's typed result.")]
public interface IUplinkBody;
