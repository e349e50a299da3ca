namespace Kavach.Devices.Repository;

/// <summary>Limits of the central repository (configuration section <c>Kavach:Devices:Repository</c>).</summary>
public sealed record DeviceRepositoryOptions
{
    /// <summary>Largest whitelist batch file accepted, in bytes (default 4 MiB).</summary>
    public int MaxBatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most devices in one whitelist batch (default 10,000).</summary>
    public int MaxBatchEntries { get; init; } = 10_000;
}
