namespace Kavach.Devices.Updates;

/// <summary>A device's update report (the verified <c>update-report</c> uplink body), reduced to what rollouts need.</summary>
/// <param name="ReleaseCounter">The release it tried.</param>
/// <param name="FirmwareVersion">The firmware it now runs.</param>
/// <param name="Status">Installed, failed, reverted, or stale (not counted; see <see cref="UpdateReportStatus.Stale"/>).</param>
public sealed record DeviceUpdateReport(long ReleaseCounter, string FirmwareVersion, UpdateReportStatus Status);
