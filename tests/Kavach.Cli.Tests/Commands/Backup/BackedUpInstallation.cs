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
/// One installation made once for the backup tests (key generation is the slow part): keys bootstrapped, data encrypted
/// through the services, a token ID generated, audit records and a checkpoint anchored, then <c>kavach backup create</c>.
/// </summary>
public sealed class BackedUpInstallation : IAsyncLifetime
{
    /// <summary>The passphrase the archive was made with.</summary>
    public const string Passphrase = "correct horse battery staple";

    /// <summary>The UIN and partner of the token ID.</summary>
    public const string Uin = "9823467129";

    /// <summary>See <see cref="Uin"/>.</summary>
    public const string Partner = "mpartner-default-auth";

    private readonly TempDirectory _dir = new("kavach-cli-backup-source");

    /// <summary>The data directory that was backed up.</summary>
    public string Data => _dir.File("data");

    /// <summary>The archive.</summary>
    public string Archive => _dir.File("kavach.backup");

    /// <summary>The plaintext encrypted before the backup.</summary>
    public byte[] Plaintext { get; } = RandomNumberGenerator.GetBytes(300);

    /// <summary>Its envelope.</summary>
    public string Envelope { get; private set; } = string.Empty;

    /// <summary>The token ID of <see cref="Uin"/> for <see cref="Partner"/> before the backup.</summary>
    public string TokenId { get; private set; } = string.Empty;

    /// <summary>What <c>backup create</c> wrote to standard output.</summary>
    public string CreateOutput { get; private set; } = string.Empty;

    /// <summary>A new owner-only file holding <paramref name="passphrase"/> and a newline.</summary>
    public string PassphraseFile(string passphrase = Passphrase)
    {
        var path = _dir.File($"passphrase-{Guid.NewGuid():N}");
        File.WriteAllText(path, passphrase + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await BootstrappedData.CopyToAsync(Data);
        await using (var services = KavachServices.Create(new KavachOptions { DataDir = Data }))
        {
            var encrypted = await services.GetRequiredService<EnvelopeService>().EncryptAsync("REGISTRATION", "backup", Base64Url.Encode(Plaintext), null, null, Caller.System, CancellationToken.None);
            Assert.True(encrypted.IsSuccess, encrypted.Error?.Code);
            Envelope = encrypted.Value;
            TokenId = services.GetRequiredService<TokenIdGenerator>().Generate(Uin, Partner).Value;
        }

        var (code, output, error) = await CliRun.RunAsync("audit", "checkpoint", "--data-dir", Data);
        Assert.True(code == 0, error + output);
        Assert.True(File.Exists(Path.Combine(Data, "audit-anchor.log")));

        (code, output, error) = await CliRun.RunAsync("backup", "create", Archive, "--passphrase-file", PassphraseFile(), "--data-dir", Data);
        Assert.True(code == 0, error + output);
        CreateOutput = output;
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
