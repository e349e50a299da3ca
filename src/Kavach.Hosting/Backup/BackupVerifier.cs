using Kavach.Storage;
using Kavach.Storage.Backup;

namespace Kavach.Hosting.Backup;

/// <summary>Checks an archive without restoring it: decrypts it into a private temporary directory, checks every file and the database snapshot, removes the copy.</summary>
public static class BackupVerifier
{
    /// <summary>Verifies <paramref name="archivePath"/>.</summary>
    /// <exception cref="BackupException">Wrong passphrase, an altered or truncated archive, a damaged database snapshot.</exception>
    public static async Task<BackupVerification> VerifyAsync(string archivePath, BackupPassphrase passphrase, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!File.Exists(archivePath))
        {
            throw new BackupException($"There is no backup archive at {Path.GetFullPath(archivePath)}.");
        }

        // CreateTempSubdirectory makes the directory 0700: the decrypted secrets are never readable by others.
        var staging = Directory.CreateTempSubdirectory("kavach-backup-verify-").FullName;
        try
        {
            var manifest = await BackupReader.ExtractAsync(archivePath, passphrase, staging, cancellationToken);
            var check = await CheckDatabaseAsync(manifest, staging, cancellationToken);
            return new BackupVerification(manifest, check);
        }
        finally
        {
            BackupFiles.DeleteQuietly(staging);
        }
    }

    internal static async Task<string> CheckDatabaseAsync(BackupManifest manifest, string staging, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<StoreProvider>(manifest.StoreKind, ignoreCase: false, out var provider) || !Enum.IsDefined(provider))
        {
            throw new BackupException($"The backup archive's manifest names an unknown store kind ({manifest.StoreKind}).");
        }

        var database = manifest.Files.Single(file => file.Role == BackupRoles.Database);
        try
        {
            return await DatabaseSnapshots.CheckAsync(provider, Path.Combine(staging, database.Name), cancellationToken);
        }
        catch (DatabaseSnapshotException e)
        {
            throw new BackupException(e.Message, e);
        }
    }
}
