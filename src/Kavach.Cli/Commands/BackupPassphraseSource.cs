using System.CommandLine;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Kavach.Hosting.Backup;

namespace Kavach.Cli.Commands;

/// <summary>
/// Where a backup command gets the passphrase: a file (owner-only), an environment variable, or a prompt without echo
/// on a terminal — never the command line, which other users can read in the process list.
/// </summary>
internal sealed class BackupPassphraseSource
{
    /// <summary>The variable read when neither option is given.</summary>
    public const string DefaultVariable = "KAVACH_BACKUP_PASSPHRASE";

    private readonly Option<string?> _file = new("--passphrase-file") { Description = "A file holding the passphrase (mode 0600)" };

    private readonly Option<string?> _variable = new("--passphrase-env") { Description = $"The environment variable holding the passphrase (default {DefaultVariable})" };

    public void AddTo(Command command)
    {
        command.Options.Add(_file);
        command.Options.Add(_variable);
    }

    public async Task<BackupPassphrase> ReadAsync(ParseResult parse, CliConsole console, bool confirm, CancellationToken cancellationToken)
    {
        try
        {
            if (parse.GetValue(_file) is { } file)
            {
                return await FromFileAsync(file, cancellationToken);
            }

            var variable = parse.GetValue(_variable);
            if (Environment.GetEnvironmentVariable(variable ?? DefaultVariable) is { Length: > 0 } value)
            {
                return BackupPassphrase.From(value);
            }

            if (variable is not null)
            {
                throw new CliFailureException($"the environment variable {variable} is not set");
            }

            if (Console.IsInputRedirected || Console.IsErrorRedirected)
            {
                throw new CliFailureException($"no passphrase: use --passphrase-file, set {DefaultVariable} (or --passphrase-env), or run on a terminal to be asked");
            }

            return Prompt(console, confirm);
        }
        catch (BackupException e)
        {
            throw new CliFailureException(e.Message);
        }
    }

    private static async Task<BackupPassphrase> FromFileAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new CliFailureException($"no passphrase file at {path}");
        }

        if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
        {
            throw new CliFailureException($"the passphrase file {path} is readable or writable by group or others; allow its owner only (chmod 600)");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        try
        {
            return BackupPassphrase.FromUtf8(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static BackupPassphrase Prompt(CliConsole console, bool confirm)
    {
        var first = ReadHidden(console, "Backup passphrase: ");
        try
        {
            if (confirm)
            {
                var second = ReadHidden(console, "Again: ");
                try
                {
                    if (!first.AsSpan().SequenceEqual(second))
                    {
                        throw new CliFailureException("the two passphrases differ");
                    }
                }
                finally
                {
                    Wipe(second);
                }
            }

            return BackupPassphrase.From(first);
        }
        finally
        {
            Wipe(first);
        }
    }

    private static char[] ReadHidden(CliConsole console, string prompt)
    {
        console.Error.Write(prompt);
        console.Error.Flush();
        var chars = GC.AllocateArray<char>(1024, pinned: true);
        var length = 0;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                length = Math.Max(0, length - 1);
            }
            else if (key.KeyChar != '\0' && length < chars.Length)
            {
                chars[length++] = key.KeyChar;
            }
        }

        console.Error.WriteLine();
        var result = GC.AllocateArray<char>(length, pinned: true);
        chars.AsSpan(0, length).CopyTo(result);
        Wipe(chars);
        return result;
    }

    private static void Wipe(char[] chars) => CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes(chars.AsSpan()));
}
