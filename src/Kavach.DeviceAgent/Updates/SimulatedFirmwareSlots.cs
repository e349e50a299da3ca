using System.Text;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Updates;

/// <summary>
/// Firmware slots of a simulated device: <c>slots/a</c> and <c>slots/b</c> in its state directory. Its "boot" of a
/// slot succeeds when the slot's <c>firmware.bin</c> starts with <see cref="Magic"/> — the simulated bootloader's image
/// check — so a test can publish a correctly signed release that nevertheless fails to start and must roll back.
/// </summary>
public sealed class SimulatedFirmwareSlots : IFirmwareSlots
{
    /// <summary>The image name the simulated bootloader starts.</summary>
    public const string ImageName = "firmware.bin";

    /// <summary>The first bytes of a startable simulated image.</summary>
    public static readonly byte[] Magic = Encoding.ASCII.GetBytes("KAVACH-SIM-FW\n");

    private readonly DeviceDirectory _directory;

    /// <summary>The slots of the device in <paramref name="directory"/>.</summary>
    public SimulatedFirmwareSlots(DeviceDirectory directory) => _directory = directory;

    /// <inheritdoc />
    public Task InstallAsync(string slot, IReadOnlyDictionary<string, string> verifiedFiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(verifiedFiles);
        var path = _directory.Slot(slot);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        SecureFiles.EnsurePrivateDirectory(path);
        foreach (var (name, source) in verifiedFiles)
        {
            File.Move(source, Path.Combine(path, name));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> TryStartAsync(string slot, CancellationToken cancellationToken)
    {
        var image = Path.Combine(_directory.Slot(slot), ImageName);
        if (!File.Exists(image))
        {
            return false;
        }

        var head = new byte[Magic.Length];
        await using var stream = File.OpenRead(image);
        return await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken) == head.Length && head.AsSpan().SequenceEqual(Magic);
    }

    /// <inheritdoc />
    public Task DiscardAsync(string slot, CancellationToken cancellationToken)
    {
        var path = _directory.Slot(slot);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }
}
