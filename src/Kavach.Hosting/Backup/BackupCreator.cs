using System.Formats.Tar;
using System.Text.Json;
using Kavach.Hosting.Configuration;
using Kavach.Storage.Backup;

namespace Kavach.Hosting.Backup;

/// <summary>
/// Makes an encrypted backup archive of a Kavach installation while its server may be running (docs/backup.md): the
/// audit anchor file, then a consistent database snapshot, then the vault, its password, the token-ID salts and
/// operator-supplied TLS files, with a manifest; all under a key derived from the operator's passphrase.
/// </summary>
public static class BackupCreator
{
    internal const string ManifestName = "manifest.json";

    /// <summary>
    /// Writes the archive to <paramref name="archivePath"/> (which must not exist): 0600, written to a temporary file and
    /// renamed, so it is complete or absent.
    /// </summary>
    /// <exception cref="BackupException">No data directory, a missing vault file, a short passphrase, an existing archive.</exception>
    /// <exception cref="Composition.KavachConfigurationException">The configuration names no usable store or vault.</exception>
    public static async Task<BackupManifest> CreateAsync(
        KavachOptions options,
        string archivePath,
        BackupPassphrase passphrase,
        TimeProvider time,
        CancellationToken cancellationToken,
        BackupKdfParameters? kdf = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(archivePath);
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(time);
        if (passphrase.Length < BackupPassphrase.MinLength)
        {
            throw new BackupException($"The backup passphrase must have at least {BackupPassphrase.MinLength} characters.");
        }

        var plan = BackupPlan.For(options);
        if (!Directory.Exists(plan.DataDirectory))
        {
            throw new BackupException($"no Kavach data directory at {plan.DataDirectory}");
        }

        var archive = Path.GetFullPath(archivePath);
        if (File.Exists(archive) || Directory.Exists(archive))
        {
            throw new BackupException($"{archive} already exists; choose a new name (a backup never overwrites another).");
        }

        var staging = BackupFiles.CreateStaging(archive, "staging");
        try
        {
            var (files, notes) = await StageAsync(plan, staging, cancellationToken);
            var manifest = new BackupManifest(BackupHeader.FormatVersion, time.GetUtcNow(), plan.Store.Provider.ToString(), plan.VaultKind, plan.IsFileVault, files, notes);
            await WriteArchiveAsync(archive, manifest, staging, passphrase, kdf ?? BackupKdfParameters.Default, cancellationToken);
            return manifest;
        }
        finally
        {
            BackupFiles.DeleteQuietly(staging);
        }
    }

    private static async Task<(List<BackupFileEntry> Files, List<string> Notes)> StageAsync(BackupPlan plan, string staging, CancellationToken cancellationToken)
    {
        var files = new List<BackupFileEntry>();
        var notes = new List<string>();

        // The anchor before the database: anchors may then lag the snapshot's checkpoints (which verify accepts), never lead them.
        if (File.Exists(plan.AnchorFile))
        {
            files.Add(await CopyAsync(plan.AnchorFile, BackupRoles.AuditAnchor, "audit-anchor.log", staging, cancellationToken));
        }

        var databaseName = DatabaseSnapshots.FileName(plan.Store.Provider);
        var snapshot = Path.Combine(staging, databaseName);
        try
        {
            await DatabaseSnapshots.CreateAsync(plan.Store, snapshot, cancellationToken);
        }
        catch (DatabaseSnapshotException e)
        {
            throw new BackupException(e.Message, e);
        }

        var (size, sha256) = await BackupFiles.HashAsync(snapshot, cancellationToken);
        files.Add(new BackupFileEntry(databaseName, BackupRoles.Database, size, sha256));

        // The vault after the database: every key the snapshot refers to was in the vault before its row was written.
        if (plan.IsFileVault)
        {
            files.Add(await CopyRequiredAsync(plan.VaultFile, BackupRoles.Vault, staging, cancellationToken));
            files.Add(await CopyRequiredAsync(plan.VaultPasswordFile, BackupRoles.VaultPassword, staging, cancellationToken));
        }
        else
        {
            notes.Add(BackupPlan.HsmNote);
        }

        if (plan.SaltsFromConfiguration)
        {
            notes.Add("The token-ID salts come from the configuration (Kavach:TokenId:UinSalt, PartnerCodeSalt) and are not in this backup: keep them with the configuration; other salts change every token ID.");
        }
        else if (File.Exists(plan.SaltsFile))
        {
            files.Add(await CopyAsync(plan.SaltsFile, BackupRoles.TokenIdSalts, Path.GetFileName(plan.SaltsFile), staging, cancellationToken));
        }
        else
        {
            notes.Add("No token-ID salts file yet: no token ID had been generated on this installation.");
        }

        await AddTlsAsync(plan, staging, files, notes, cancellationToken);
        return (files, notes);
    }

    private static async Task AddTlsAsync(BackupPlan plan, string staging, List<BackupFileEntry> files, List<string> notes, CancellationToken cancellationToken)
    {
        var tls = plan.Options.Tls;
        if (tls.CertificatePath is { Length: > 0 } certificate && File.Exists(certificate))
        {
            files.Add(await CopyAsync(certificate, BackupRoles.TlsCertificate, "tls-certificate" + Path.GetExtension(certificate), staging, cancellationToken));
            if (!string.IsNullOrEmpty(tls.Password))
            {
                notes.Add("The TLS file's password (Kavach:Tls:Password) is configuration and is not in this backup.");
            }
        }

        if (tls.KeyPath is { Length: > 0 } key && File.Exists(key))
        {
            files.Add(await CopyAsync(key, BackupRoles.TlsKey, "tls-key" + Path.GetExtension(key), staging, cancellationToken));
        }
    }

    private static Task<BackupFileEntry> CopyRequiredAsync(string path, string role, string staging, CancellationToken cancellationToken) =>
        File.Exists(path)
            ? CopyAsync(path, role, Path.GetFileName(path), staging, cancellationToken)
            : throw new BackupException($"The data directory has no {Path.GetFileName(path)}; a backup without it could not be restored.");

    private static async Task<BackupFileEntry> CopyAsync(string path, string role, string name, string staging, CancellationToken cancellationToken)
    {
        // One open: the vault is replaced by rename, so this reads one whole version of it.
        await using var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var (size, sha256) = await BackupFiles.CopyAsync(source, Path.Combine(staging, name), cancellationToken);
        return new BackupFileEntry(name, role, size, sha256);
    }

    private static async Task WriteArchiveAsync(
        string archive, BackupManifest manifest, string staging, BackupPassphrase passphrase, BackupKdfParameters kdf, CancellationToken cancellationToken)
    {
        var header = BackupHeader.CreateNew(kdf);
        var temporary = Path.Combine(Path.GetDirectoryName(archive)!, $".{Path.GetFileName(archive)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var key = BackupKey.Derive(passphrase, header))
            await using (var file = BackupFiles.CreateNew(temporary))
            {
                using (var encrypting = new EncryptingStream(file, header, key))
                {
                    await using (var tar = new TarWriter(encrypting, TarEntryFormat.Pax, leaveOpen: true))
                    {
                        var json = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupJsonContext.Default.BackupManifest);
                        await WriteEntryAsync(tar, ManifestName, new MemoryStream(json), cancellationToken);
                        foreach (var entry in manifest.Files)
                        {
                            await using var data = new FileStream(Path.Combine(staging, entry.Name), FileMode.Open, FileAccess.Read);
                            await WriteEntryAsync(tar, entry.Name, data, cancellationToken);
                        }
                    }

                    encrypting.Complete();
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, archive, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task WriteEntryAsync(TarWriter tar, string name, Stream data, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = data, Mode = BackupFiles.OwnerReadWrite };
        await tar.WriteEntryAsync(entry, cancellationToken);
    }
}
