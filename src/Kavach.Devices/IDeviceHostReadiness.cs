namespace Kavach.Devices;

/// <summary>
/// The host's readiness as device management sees it: completes once the key hierarchy (ROOT, and with it the device
/// CA and the server keys) exists. Background work that needs those keys awaits it before its first run, so a start
/// never logs a failure that only says the keys were not made yet. A host without it (tests, tools) is ready at once.
/// </summary>
public interface IDeviceHostReadiness
{
    /// <summary>Completes when the host is ready; cancelled with <paramref name="cancellationToken"/>.</summary>
    Task WhenReadyAsync(CancellationToken cancellationToken);
}
