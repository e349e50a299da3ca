namespace Kavach.Devices.Protocol.Commands;

/// <summary>Arguments of <c>updateAvailable</c> (spec §4.9).</summary>
/// <param name="ReleaseCounter">The release to fetch and verify; the device refuses one not above what it runs.</param>
public sealed record UpdateAvailableArguments(long ReleaseCounter) : IDeviceCommandArguments;
