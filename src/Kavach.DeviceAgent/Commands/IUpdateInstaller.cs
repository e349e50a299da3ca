using Kavach.DeviceAgent.Session;

namespace Kavach.DeviceAgent.Commands;

/// <summary>Handles <c>updateAvailable</c>: verify, download, install to the inactive slot, report (spec §4.9).</summary>
public interface IUpdateInstaller
{
    /// <summary>Installs release <paramref name="releaseCounter"/> and sends the signed <c>update-report</c> (the command's only answer); true when it runs now.</summary>
    Task<bool> InstallAsync(DeviceSession session, long releaseCounter, string cmdId, CancellationToken cancellationToken);

    /// <summary>Finishes an install a reboot interrupted (its trial start, then commit or roll back, and the report); nothing when none waits.</summary>
    Task ResumeAsync(DeviceSession session, CancellationToken cancellationToken);
}
