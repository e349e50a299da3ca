using System.Security.Cryptography;
using Kavach.Crypto;
using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Keys.Access;
using Kavach.Keys.DataProtection;
using Kavach.Keys.TokenIds;
using Kavach.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Cli.Tests.Commands.Backup;

/// <summary>
/// <c>kavach backup create|verify|restore</c> on a data directory with keys, ciphertexts, token IDs and audit records:
/// a restore into an empty directory gives back the same installation; altered, truncated or wrongly unlocked archives
/// and non-empty targets are refused with nothing written.
/// </summary>
public sealed class BackupCommandTests(BackedUpInstallation source) : IClassFixture<BackedUpInstallation>, IDisposable
{
    private readonly TempDirectory _dir = new("kavach-cli-backup");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_restored_installation_decrypts_old_ciphertexts_gives_the_same_token_ids_and_its_audit_verifies()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(source.Archive));
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(source.Archive)!, ".kavach.backup*"));
        foreach (var part in new[] { "kavach.db", "vault.p12", "vault.password", "tokenid.salts", "audit-anchor.log" })
        {
            Assert.Contains(part, source.CreateOutput, StringComparison.Ordinal);
        }

        var (code, output, error) = await CliRun.RunAsync("backup", "verify", source.Archive, "--passphrase-file", source.PassphraseFile());
        Assert.True(code == 0, error + output);
        Assert.Contains("SQLite integrity_check ok", output, StringComparison.Ordinal);
        Assert.Contains("store Sqlite; vault Pkcs12", output, StringComparison.Ordinal);
        Assert.EndsWith("OK", output.Trim(), StringComparison.Ordinal);

        var restored = _dir.File("restored");
        (code, output, error) = await CliRun.RunAsync("backup", "restore", source.Archive, "--passphrase-file", source.PassphraseFile(), "--data-dir", restored);
        Assert.True(code == 0, error + output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(restored));
        Assert.All(Directory.GetFiles(restored), file => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file)));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path, ".restored*"));

        await using (var services = KavachServices.Create(new KavachOptions { DataDir = restored }))
        {
            var decrypted = await services.GetRequiredService<EnvelopeService>().DecryptAsync("REGISTRATION", "backup", source.Envelope, null, null, Caller.System, CancellationToken.None);
            Assert.True(decrypted.IsSuccess, decrypted.Error?.Code);
            Assert.Equal(Base64Url.Encode(source.Plaintext), decrypted.Value);
            Assert.Equal(source.TokenId, services.GetRequiredService<TokenIdGenerator>().Generate(BackedUpInstallation.Uin, BackedUpInstallation.Partner).Value);
        }

        (code, output, error) = await CliRun.RunAsync("audit", "verify", "--data-dir", restored);
        Assert.True(code == 0, output + error);
        Assert.Contains("OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_passphrase_is_one_clear_error()
    {
        var archive = BackupAsync();
        var (code, output, error) = await CliRun.RunAsync("backup", "verify", archive, "--passphrase-file", PassphraseFile("not the passphrase at all"));
        Assert.Equal(1, code);
        Assert.Equal("kavach: Wrong backup passphrase (or the archive's header was altered).", error.Trim());
        Assert.Empty(output);
    }

    [Theory]
    [InlineData("flip a byte in the middle", "altered")]
    [InlineData("flip the last byte", "altered")]
    [InlineData("cut mid-chunk", "altered")]
    [InlineData("cut at a chunk boundary", "truncated")]
    [InlineData("drop the last chunk only", "truncated")]
    [InlineData("append a byte", "altered")]
    [InlineData("flip a byte of the salt", "Wrong backup passphrase")]
    public async Task Attack_an_altered_or_truncated_archive_is_refused_and_restores_nothing(string tampering, string expected)
    {
        var archive = BackupAsync();
        var bytes = await File.ReadAllBytesAsync(archive);
        const int header = 65;
        const int chunk = (64 * 1024) + 16;
        Assert.True(bytes.Length > header + (2 * chunk), "the archive spans several chunks");
        var lastChunkStart = header + ((bytes.Length - header - 1) / chunk * chunk);
        bytes = tampering switch
        {
            "flip a byte in the middle" => Flip(bytes, bytes.Length / 2),
            "flip the last byte" => Flip(bytes, bytes.Length - 1),
            "cut mid-chunk" => bytes[..(header + chunk + 100)],
            "cut at a chunk boundary" => bytes[..(header + chunk)],
            "drop the last chunk only" => bytes[..lastChunkStart],
            "append a byte" => [.. bytes, 0],
            "flip a byte of the salt" => Flip(bytes, 30),
            _ => throw new ArgumentOutOfRangeException(nameof(tampering)),
        };
        await File.WriteAllBytesAsync(archive, bytes);

        var (code, _, error) = await CliRun.RunAsync("backup", "verify", archive, "--passphrase-file", PassphraseFile());
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);

        var target = _dir.File("target");
        (code, var output, error) = await CliRun.RunAsync("backup", "restore", archive, "--passphrase-file", PassphraseFile(), "--data-dir", target);
        Assert.Equal(1, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("restored into", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path, ".target*"));
    }

    [Fact]
    public async Task A_restore_into_a_directory_that_is_not_empty_is_refused_with_nothing_written()
    {
        var archive = BackupAsync();
        var target = Directory.CreateDirectory(_dir.File("occupied")).FullName;
        await File.WriteAllTextAsync(Path.Combine(target, "notes.txt"), "mine");
        var before = Snapshot(target);

        var (code, _, error) = await CliRun.RunAsync("backup", "restore", archive, "--passphrase-file", PassphraseFile(), "--data-dir", target);
        Assert.Equal(1, code);
        Assert.Contains("is not an empty directory", error, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", error, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(target));
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path, ".occupied*"));

        // And the source itself, the commonest slip: restoring over the live data directory.
        (code, _, error) = await CliRun.RunAsync("backup", "restore", archive, "--passphrase-file", PassphraseFile(), "--data-dir", source.Data);
        Assert.Equal(1, code);
        Assert.Contains("is not an empty directory", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_archive_is_never_overwritten_and_a_short_passphrase_is_refused()
    {
        var archive = BackupAsync();
        var before = await File.ReadAllBytesAsync(archive);
        var (code, _, error) = await CliRun.RunAsync("backup", "create", archive, "--passphrase-file", PassphraseFile(), "--data-dir", source.Data);
        Assert.Equal(1, code);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(archive));

        (code, _, error) = await CliRun.RunAsync("backup", "create", _dir.File("other.backup"), "--passphrase-file", PassphraseFile("short"), "--data-dir", source.Data);
        Assert.Equal(1, code);
        Assert.Contains("at least 12 characters", error, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.File("other.backup")));
    }

    [Fact]
    public async Task A_missing_data_directory_is_named_and_not_created()
    {
        var missing = _dir.File("typo");
        var (code, _, error) = await CliRun.RunAsync("backup", "create", _dir.File("x.backup"), "--passphrase-file", PassphraseFile(), "--data-dir", missing);
        Assert.Equal(1, code);
        Assert.Equal($"kavach: no Kavach data directory at {missing}", error.Trim());
        Assert.False(Directory.Exists(missing));
        Assert.False(File.Exists(_dir.File("x.backup")));
    }

    [Fact]
    public async Task The_passphrase_comes_from_a_named_environment_variable_or_an_owner_only_file_never_the_command_line()
    {
        var archive = BackupAsync();
        var variable = "KAVACH_TEST_BACKUP_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "correct horse battery staple");
        try
        {
            var (code, output, error) = await CliRun.RunAsync("backup", "verify", archive, "--passphrase-env", variable);
            Assert.True(code == 0, error + output);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        var (unset, _, unsetError) = await CliRun.RunAsync("backup", "verify", archive, "--passphrase-env", variable);
        Assert.Equal(1, unset);
        Assert.Contains($"{variable} is not set", unsetError, StringComparison.Ordinal);

        var open = PassphraseFile();
        File.SetUnixFileMode(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var (refused, _, refusedError) = await CliRun.RunAsync("backup", "verify", archive, "--passphrase-file", open);
        Assert.Equal(1, refused);
        Assert.Contains("chmod 600", refusedError, StringComparison.Ordinal);

        var (parsed, _, _) = await CliRun.RunAsync("backup", "verify", archive, "--passphrase", "correct horse battery staple");
        Assert.Equal(2, parsed);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFileSystemEntries(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(path => path, path => File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "dir");

    private string BackupAsync()
    {
        var copy = _dir.File("kavach.backup");
        File.Copy(source.Archive, copy);
        return copy;
    }

    private string PassphraseFile(string passphrase = BackedUpInstallation.Passphrase) => source.PassphraseFile(passphrase);
}
