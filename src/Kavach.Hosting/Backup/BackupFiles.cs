using System.Security.Cryptography;

namespace Kavach.Hosting.Backup;

/// <summary>Owner-only files and directories for staging and restoring (0600 / 0700 from creation: no chmod window).</summary>
internal static class BackupFiles
{
    public const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static FileStream CreateNew(string path) =>
        new(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerReadWrite });

    /// <summary>A new 0700 directory next to <paramref name="near"/> (same file system, so the final moves are renames).</summary>
    public static string CreateStaging(string near, string purpose)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(near))!;
        Directory.CreateDirectory(parent);
        var path = Path.Combine(parent, $".{Path.GetFileName(near)}.{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path, OwnerAll);
        return path;
    }

    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the directory is 0700 and holds only copies.
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> (created 0600), returning size and SHA-256.</summary>
    public static async Task<(long Size, string Sha256)> CopyAsync(Stream source, string target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var to = CreateNew(target))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                size += read;
            }

            to.Flush(flushToDisk: true);
        }

        CryptographicOperations.ZeroMemory(buffer);
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public static async Task<(long Size, string Sha256)> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var digest = await SHA256.HashDataAsync(stream, cancellationToken);
        return (stream.Length, Convert.ToHexStringLower(digest));
    }
}
