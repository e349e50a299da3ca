using Kavach.DeviceAgent.Session;

namespace Kavach.DeviceAgent.Commands;

/// <summary>Handles <c>updateAvailable</c>: verify, download, install to the inactive slot, report (spec §4.9).</summary>
public interface IUpdateInstaller
{
    /// <summary>Installs release <paramref name="releaseCounter"/>; true when it was installed and reported (the result is then sent by the installer).</summary>
    Task<bool> InstallAsync(DeviceSession session, long releaseCounter, string cmdId, CancellationToken cancellationToken);
}
