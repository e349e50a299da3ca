using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Kavach.Hosting.Backup;

/// <summary>
/// Decrypts an archive into a staging directory and checks it whole: every chunk authenticated, the manifest first,
/// each file named in it exactly once with its size and SHA-256, nothing else, nothing missing, nothing after the end.
/// </summary>
internal static class BackupReader
{
    private const int MaxManifestBytes = 1024 * 1024;

    /// <exception cref="BackupException">Wrong passphrase, an altered, truncated or inconsistent archive.</exception>
    public static async Task<BackupManifest> ExtractAsync(string archive, BackupPassphrase passphrase, string staging, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BackupException($"Cannot read the backup archive {archive}: {e.Message}", e);
        }

        await using (file)
        {
            using var decrypting = DecryptingStream.Open(file, passphrase, out var key);
            using (key)
            {
                try
                {
                    return await ReadEntriesAsync(decrypting, staging, cancellationToken);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or JsonException)
                {
                    // Authenticated content that does not parse: written by something other than Kavach's backup.
                    throw new BackupException("The backup archive's content is not what Kavach writes (it authenticated, but does not parse).", e);
                }
            }
        }
    }

    private static async Task<BackupManifest> ReadEntriesAsync(DecryptingStream decrypting, string staging, CancellationToken cancellationToken)
    {
        await using var tar = new TarReader(decrypting, leaveOpen: true);
        var first = await tar.GetNextEntryAsync(copyData: false, cancellationToken);
        if (first is null || first.Name != BackupCreator.ManifestName || first.DataStream is null || first.Length > MaxManifestBytes)
        {
            throw new BackupException("The backup archive has no manifest.");
        }

        using var manifestBytes = new MemoryStream();
        await first.DataStream.CopyToAsync(manifestBytes, cancellationToken);
        var manifest = JsonSerializer.Deserialize(manifestBytes.ToArray(), BackupJsonContext.Default.BackupManifest)
            ?? throw new BackupException("The backup archive's manifest is empty.");
        var expected = Check(manifest);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (!expected.TryGetValue(entry.Name, out var listed) || !seen.Add(entry.Name) || entry.EntryType != TarEntryType.RegularFile || entry.DataStream is null)
            {
                throw new BackupException($"The backup archive holds an entry its manifest does not list once ({Printable(entry.Name)}).");
            }

            var (size, sha256) = await BackupFiles.CopyAsync(entry.DataStream, Path.Combine(staging, entry.Name), cancellationToken);
            if (size != listed.Size || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sha256), Encoding.ASCII.GetBytes(listed.Sha256)))
            {
                throw new BackupException($"{entry.Name} in the backup archive does not match its manifest (size or SHA-256).");
            }
        }

        // The tar end marker may come before the last chunk: read on, so truncation and trailing data are still caught.
        decrypting.ReadToEnd();
        var missing = expected.Keys.Where(name => !seen.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            throw new BackupException($"The backup archive lacks files its manifest lists: {string.Join(", ", missing)}.");
        }

        return manifest;
    }

    private static Dictionary<string, BackupFileEntry> Check(BackupManifest manifest)
    {
        if (manifest.FormatVersion != BackupHeader.FormatVersion || manifest.Files is null || manifest.Notes is null)
        {
            throw new BackupException("The backup archive's manifest is not of format version 1.");
        }

        var byName = new Dictionary<string, BackupFileEntry>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            // Names become paths on restore: plain names only, so nothing lands outside the staging directory.
            var plain = file.Name is { Length: > 0 and <= 100 } name && Path.GetFileName(name) == name && name is not "." and not ".."
                && name != BackupCreator.ManifestName && name.AsSpan().IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
            if (!plain || !BackupRoles.All.Contains(file.Role) || file.Size < 0 || file.Sha256 is not { Length: 64 } || !byName.TryAdd(file.Name, file))
            {
                throw new BackupException($"The backup archive's manifest lists an unusable file entry ({Printable(file.Name)}).");
            }
        }

        if (byName.Values.Count(file => file.Role == BackupRoles.Database) != 1)
        {
            throw new BackupException("The backup archive's manifest lists no database snapshot.");
        }

        return byName;
    }

    private static string Printable(string? name) =>
        name is null ? "no name" : new string([.. name.Take(60).Select(c => char.IsControl(c) ? '?' : c)]);
}
