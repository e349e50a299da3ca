namespace Kavach.Devices.Updates.Verification;

/// <summary>What the device knows about itself when it checks an update, fixed at the start of the update (TUF's "fixed update start time").</summary>
/// <param name="InstalledReleaseCounter">The release counter installed now (FTM monotonic storage on L1).</param>
/// <param name="HardwareId">The device's <c>make/model</c>.</param>
/// <param name="Certification">L0 or L1.</param>
/// <param name="TrustedNow">The device's trusted time (from the server's signed time), not its raw clock.</param>
public sealed record DeviceUpdateContext(long InstalledReleaseCounter, string HardwareId, string Certification, DateTimeOffset TrustedNow);
