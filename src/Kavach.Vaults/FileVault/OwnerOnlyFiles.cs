using System.Security.Cryptography;

namespace Kavach.Vaults;

/// <summary>
/// File operations for vault files: created 0600 from the first byte (no chmod window), written atomically.
/// </summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> with mode 0700 when it does not exist.</summary>
    public static void EnsureDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotPosix();
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, OwnerAll);
        }
    }

    /// <summary>True when group and others have no access at all to <paramref name="path"/>.</summary>
    public static bool IsOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotPosix();
        }

        return (File.GetUnixFileMode(path) & GroupOrOthers) == 0;
    }

    /// <summary>The POSIX mode bits of <paramref name="path"/>.</summary>
    public static UnixFileMode GetMode(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotPosix();
        }

        return File.GetUnixFileMode(path);
    }

    /// <summary>Options that create a file with mode 0600 (narrowed further by the umask, never widened).</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share)
    {
        if (OperatingSystem.IsWindows())
        {
            throw NotPosix();
        }

        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (mode is FileMode.CreateNew or FileMode.Create or FileMode.OpenOrCreate)
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }

    /// <summary>
    /// Replaces (or, with <paramref name="overwrite"/> false, creates) <paramref name="path"/> with
    /// <paramref name="content"/>: a 0600 temporary file in the same directory, flushed to disk, then renamed over
    /// the target, so readers see either the old or the new file and never a torn one.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content, bool overwrite)
    {
        var directory = Path.GetDirectoryName(path) ?? throw new ArgumentException("The path has no directory.", nameof(path));
        var temporary = Path.Combine(
            directory,
            $"{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, Options(FileMode.CreateNew, FileAccess.Write, FileShare.None)))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure matters more; a leftover temporary file holds only encrypted data.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    // Inline OperatingSystem checks at each call site keep the platform analyzer (CA1416) satisfied.
    private static PlatformNotSupportedException NotPosix() =>
        new("The PKCS#12 key vault protects its files with POSIX modes and needs Linux or macOS.");
}
