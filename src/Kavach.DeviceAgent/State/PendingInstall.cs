namespace Kavach.DeviceAgent.State;

/// <summary>An update written to the inactive slot, waiting for the next start to prove itself (spec §4.9).</summary>
/// <param name="ReleaseCounter">The release installed.</param>
/// <param name="FirmwareVersion">Its firmware version.</param>
/// <param name="Slot">The slot it went to.</param>
/// <param name="CmdId">The <c>updateAvailable</c> command it answers.</param>
public sealed record PendingInstall(long ReleaseCounter, string FirmwareVersion, string Slot, string? CmdId);
