namespace Kavach.DeviceAgent.Updates;

/// <summary>
/// The device's two firmware slots (A/B, spec §4.9): an update is written to the inactive one and must start well
/// before it is committed; otherwise the device stays on (rolls back to) the active one. A real device implements
/// this with its bootloader; <see cref="SimulatedFirmwareSlots"/> stands in for it in simulators and tests.
/// </summary>
public interface IFirmwareSlots
{
    /// <summary>Writes the verified files of a release into <paramref name="slot"/>, replacing what was there.</summary>
    Task InstallAsync(string slot, IReadOnlyDictionary<string, string> verifiedFiles, CancellationToken cancellationToken);

    /// <summary>Starts <paramref name="slot"/> (the trial boot); true when the firmware came up healthy.</summary>
    Task<bool> TryStartAsync(string slot, CancellationToken cancellationToken);

    /// <summary>Empties <paramref name="slot"/> after a failed start.</summary>
    Task DiscardAsync(string slot, CancellationToken cancellationToken);
}
