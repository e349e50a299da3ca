namespace Kavach.Hosting.Backup;

/// <summary>
/// The Argon2id cost of a backup's key, stated in the archive header so any archive can be opened later. The default is
/// RFC 9106's second recommended option (3 passes, 64 MiB, 4 lanes).
/// </summary>
/// <param name="Iterations">Passes over memory.</param>
/// <param name="MemoryKiB">Memory in KiB.</param>
/// <param name="Parallelism">Lanes.</param>
public sealed record BackupKdfParameters(int Iterations, int MemoryKiB, int Parallelism)
{
    /// <summary>3 passes, 64 MiB, 4 lanes.</summary>
    public static BackupKdfParameters Default { get; } = new(3, 64 * 1024, 4);

    // A header is read before it is authenticated: bounds keep an altered one from asking for absurd memory or time.
    internal bool IsReasonable => Iterations is >= 1 and <= 64 && MemoryKiB is >= 8 * 1024 and <= 4 * 1024 * 1024 && Parallelism is >= 1 and <= 64;
}
