using Kavach.Hosting.Configuration;
using Kavach.Storage;
using Kavach.Storage.Backup;

namespace Kavach.Hosting.Backup;

/// <summary>
/// Restores an archive into an empty or absent data directory (and, for PostgreSQL, an empty database) under the
/// configuration in force. Every refusal comes before anything is written; the archive is decrypted and checked whole
/// in a private staging directory before the first file reaches its place; a failure after that removes what it placed.
/// </summary>
public static class BackupRestorer
{
    /// <summary>Restores <paramref name="archivePath"/>.</summary>
    /// <exception cref="BackupException">A target that is not empty, a different store or vault kind, a bad archive.</exception>
    /// <exception cref="Composition.KavachConfigurationException">The configuration names no usable store or vault.</exception>
    public static async Task<BackupRestoreResult> RestoreAsync(KavachOptions options, string archivePath, BackupPassphrase passphrase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        ArgumentNullException.ThrowIfNull(passphrase);
        var plan = BackupPlan.For(options);
        if (!File.Exists(archivePath))
        {
            throw new BackupException($"There is no backup archive at {Path.GetFullPath(archivePath)}.");
        }

        var dataDirectory = plan.DataDirectory;
        if (File.Exists(dataDirectory) || (Directory.Exists(dataDirectory) && Directory.EnumerateFileSystemEntries(dataDirectory).Any()))
        {
            throw new BackupException($"{dataDirectory} is not an empty directory; restore only into an empty or absent data directory. Nothing was written.");
        }

        await RequireEmptyDatabaseAsync(plan.Store, cancellationToken);
        var staging = BackupFiles.CreateStaging(dataDirectory, "restore");
        try
        {
            var manifest = await BackupReader.ExtractAsync(archivePath, passphrase, staging, cancellationToken);
            RequireSameKinds(manifest, plan);
            _ = await BackupVerifier.CheckDatabaseAsync(manifest, staging, cancellationToken);
            var placements = Placements(manifest, plan);
            var restored = await PlaceAsync(manifest, plan, staging, placements, cancellationToken);
            return new BackupRestoreResult(manifest, dataDirectory, restored);
        }
        finally
        {
            BackupFiles.DeleteQuietly(staging);
        }
    }

    private static async Task RequireEmptyDatabaseAsync(StoreOptions store, CancellationToken cancellationToken)
    {
        try
        {
            await DatabaseSnapshots.RequireEmptyTargetAsync(store, cancellationToken);
        }
        catch (DatabaseSnapshotException e)
        {
            throw new BackupException(e.Message + " Nothing was written.", e);
        }
    }

    private static void RequireSameKinds(BackupManifest manifest, BackupPlan plan)
    {
        if (manifest.StoreKind != plan.Store.Provider.ToString())
        {
            throw new BackupException($"The backup holds a {manifest.StoreKind} database but Kavach:Database:Provider is {plan.Store.Provider}. Nothing was written.");
        }

        if (manifest.VaultKind != plan.VaultKind)
        {
            throw new BackupException($"The backup was made with a {manifest.VaultKind} vault but Kavach:Vault:Type is {plan.VaultKind}. Nothing was written.");
        }
    }

    private static List<(BackupFileEntry Entry, string Destination)> Placements(BackupManifest manifest, BackupPlan plan)
    {
        var placements = new List<(BackupFileEntry, string)>();
        foreach (var entry in manifest.Files.Where(file => file.Role != BackupRoles.Database))
        {
            var destination = plan.Destination(entry)!;
            if (File.Exists(destination))
            {
                // Only possible outside the (empty) data directory: a configured anchor or TLS path.
                throw new BackupException($"{destination} already exists ({entry.Role}); move it away first. Nothing was written.");
            }

            placements.Add((entry, destination));
        }

        return placements;
    }

    private static async Task<List<(string Role, string Place)>> PlaceAsync(
        BackupManifest manifest, BackupPlan plan, string staging, List<(BackupFileEntry Entry, string Destination)> placements, CancellationToken cancellationToken)
    {
        var createdDirectory = !Directory.Exists(plan.DataDirectory);
        var placed = new List<string>();
        try
        {
            if (createdDirectory)
            {
                Directory.CreateDirectory(plan.DataDirectory, BackupFiles.OwnerAll);
            }
            else
            {
                File.SetUnixFileMode(plan.DataDirectory, BackupFiles.OwnerAll);
            }

            var database = manifest.Files.Single(file => file.Role == BackupRoles.Database);
            await DatabaseSnapshots.RestoreAsync(plan.Store, Path.Combine(staging, database.Name), cancellationToken);
            var restored = new List<(string Role, string Place)>
            {
                (BackupRoles.Database, DatabaseSnapshots.SqliteFile(plan.Store) ?? "PostgreSQL schema keymgr"),
            };
            if (DatabaseSnapshots.SqliteFile(plan.Store) is { } sqlite)
            {
                placed.Add(sqlite);
            }

            foreach (var (entry, destination) in placements)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, entry.Name), destination, overwrite: false);
                placed.Add(destination);
                File.SetUnixFileMode(destination, BackupFiles.OwnerReadWrite);
                restored.Add((entry.Role, destination));
            }

            return restored;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DatabaseSnapshotException)
        {
            foreach (var path in placed)
            {
                File.Delete(path);
            }

            if (createdDirectory && Directory.Exists(plan.DataDirectory) && !Directory.EnumerateFileSystemEntries(plan.DataDirectory).Any())
            {
                Directory.Delete(plan.DataDirectory);
            }

            throw new BackupException($"The restore failed and what it had placed was removed: {e.Message}", e);
        }
    }
}
