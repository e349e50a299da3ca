using Kavach.Devices.Registry;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Updates;

/// <summary>
/// What check-in asks of updates (spec §4.6, §4.9): whether a device has an update to be told about
/// (<c>updateAvailable{releaseCounter}</c> in the check-in response), and the device's signed update report.
/// </summary>
public interface IDeviceUpdates
{
    /// <summary>The release to offer <paramref name="device"/> now, or null: its rollout group's release once the group is reached, or — when its installed release's SBI expired — the newest valid release for its make/model (forced).</summary>
    Task<PendingUpdate?> GetPendingUpdateAsync(DeviceRecord device, CancellationToken cancellationToken);

    /// <summary>Records a device's verified update report and moves its rollout on (next group, completion or abort).</summary>
    Task<Result<UpdateReportOutcome>> RecordReportAsync(DeviceRecord device, DeviceUpdateReport report, CancellationToken cancellationToken);
}
