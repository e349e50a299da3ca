using System.CommandLine;
using System.Globalization;
using Kavach.Hosting.Backup;
using Kavach.Hosting.Composition;

namespace Kavach.Cli.Commands;

/// <summary><c>kavach backup create|verify|restore</c>: encrypted backups of the database, the vault and the secrets (docs/backup.md).</summary>
public static class BackupCommand
{
    /// <summary>Creates the command group.</summary>
    public static Command Create(CliConsole console)
    {
        var backup = new Command("backup", "Encrypted backups of the database, the vault and the secrets (docs/backup.md)");
        backup.Subcommands.Add(CreateCommand(console));
        backup.Subcommands.Add(VerifyCommand(console));
        backup.Subcommands.Add(RestoreCommand(console));
        return backup;
    }

    private static Command CreateCommand(CliConsole console)
    {
        var archive = new Argument<string>("archive") { Description = "The archive to write (must not exist; written 0600)" };
        var source = new BackupPassphraseSource();
        var command = new Command("create", "Back up the database (a consistent snapshot, the server may run), the vault and the secrets") { archive };
        source.AddTo(command);
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var options = BackupConfiguration.Load(parse);
            using var passphrase = await source.ReadAsync(parse, console, confirm: true, ct);
            var manifest = await Run(() => BackupCreator.CreateAsync(options, parse.GetValue(archive)!, passphrase, TimeProvider.System, ct));
            foreach (var note in manifest.Notes)
            {
                await console.Error.WriteLineAsync("kavach: note: " + note);
            }

            await console.Out.WriteLineAsync($"backup written to {Path.GetFullPath(parse.GetValue(archive)!)}");
            await Describe(console, manifest);
        }));
        return command;
    }

    private static Command VerifyCommand(CliConsole console)
    {
        var archive = new Argument<string>("archive") { Description = "The archive to check" };
        var source = new BackupPassphraseSource();
        var command = new Command("verify", "Decrypt an archive, check every file against its manifest and the database snapshot; say what is inside") { archive };
        source.AddTo(command);
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            using var passphrase = await source.ReadAsync(parse, console, confirm: false, ct);
            var verification = await Run(() => BackupVerifier.VerifyAsync(parse.GetValue(archive)!, passphrase, ct));
            await Describe(console, verification.Manifest);
            foreach (var note in verification.Manifest.Notes)
            {
                await console.Out.WriteLineAsync("note: " + note);
            }

            await console.Out.WriteLineAsync("database: " + verification.DatabaseCheck);
            await console.Out.WriteLineAsync("OK");
        }));
        return command;
    }

    private static Command RestoreCommand(CliConsole console)
    {
        var archive = new Argument<string>("archive") { Description = "The archive to restore" };
        var source = new BackupPassphraseSource();
        var command = new Command("restore", "Restore an archive into an empty or absent data directory (PostgreSQL: an empty database)") { archive };
        source.AddTo(command);
        command.SetAction((parse, ct) => CliActions.RunAsync(console, async () =>
        {
            var options = BackupConfiguration.Load(parse);
            using var passphrase = await source.ReadAsync(parse, console, confirm: false, ct);
            var result = await Run(() => BackupRestorer.RestoreAsync(options, parse.GetValue(archive)!, passphrase, ct));
            foreach (var note in result.Manifest.Notes)
            {
                await console.Error.WriteLineAsync("kavach: note: " + note);
            }

            await console.Out.WriteLineAsync($"restored into {result.DataDirectory} (backup of {Time(result.Manifest.CreatedAt)})");
            foreach (var (role, place) in result.Restored)
            {
                await console.Out.WriteLineAsync($"  {role,-16} {place}");
            }

            await console.Out.WriteLineAsync("next: start Kavach on this data directory and run 'kavach audit verify'");
        }));
        return command;
    }

    private static async Task<T> Run<T>(Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (BackupException e)
        {
            throw new CliFailureException(e.Message);
        }
        catch (KavachConfigurationException e)
        {
            throw new CliFailureException("configuration error: " + e.Message);
        }
    }

    private static async Task Describe(CliConsole console, BackupManifest manifest)
    {
        await console.Out.WriteLineAsync($"created {Time(manifest.CreatedAt)}; store {manifest.StoreKind}; vault {manifest.VaultKind}{(manifest.VaultKeysIncluded ? string.Empty : " (HSM keys NOT included)")}");
        foreach (var file in manifest.Files)
        {
            await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {file.Role,-16} {file.Name,-24} {file.Size,12} bytes  sha256 {file.Sha256}"));
        }
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
