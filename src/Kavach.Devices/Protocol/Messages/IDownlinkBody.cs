namespace Kavach.Devices.Protocol.Messages;

/// <summary>A server → device response body; the concrete type follows from the response kind (<see cref="DownlinkBodies"/>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1040:Avoid empty interfaces", Justification = "Marks the closed set of downlink bodies for the writer and verifier.")]
public interface IDownlinkBody;
