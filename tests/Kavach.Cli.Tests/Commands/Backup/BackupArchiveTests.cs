using System.Security.Cryptography;
using Kavach.Hosting.Backup;
using Kavach.Hosting.Configuration;
using Kavach.Testing;

namespace Kavach.Cli.Tests.Commands.Backup;

/// <summary>The archive format (chunked AES-256-GCM under an Argon2id key) and the library API with a PKCS#11 vault.</summary>
public sealed class BackupArchiveTests(BackedUpInstallation source) : IClassFixture<BackedUpInstallation>, IDisposable
{
    // The cheapest cost libargon2 takes: the stream tests are about chunking, not the KDF.
    private static readonly BackupKdfParameters Cheap = new(1, 8 * 1024, 1);

    private readonly TempDirectory _dir = new("kavach-backup-archive");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(3 * 1024)]
    [InlineData(5000)]
    public void Any_length_round_trips_and_every_chunk_is_sealed(int length)
    {
        var plaintext = RandomNumberGenerator.GetBytes(length);
        var sealedBytes = Seal(plaintext, out var header);

        // Full chunks, then one shorter last chunk (empty when the length is a multiple of the chunk size).
        Assert.Equal(BackupHeader.Length + 16 + ((length / 1024) + 1) * 16 + length, sealedBytes.Length);
        Assert.Equal(plaintext, Open(sealedBytes));
        Assert.Equal(header.ToBytes(), sealedBytes[..BackupHeader.Length]);
    }

    [Fact]
    public void Attack_swapped_chunks_are_refused()
    {
        var sealedBytes = Seal(RandomNumberGenerator.GetBytes(3000), out _);
        const int start = BackupHeader.Length + 16;
        const int chunk = 1024 + 16;
        var swapped = (byte[])sealedBytes.Clone();
        sealedBytes.AsSpan(start, chunk).CopyTo(swapped.AsSpan(start + chunk));
        sealedBytes.AsSpan(start + chunk, chunk).CopyTo(swapped.AsSpan(start));

        var refused = Assert.Throws<BackupException>(() => Open(swapped));
        Assert.Contains("altered", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Attack_a_header_asking_for_absurd_argon2_memory_is_refused_before_any_work()
    {
        var header = new BackupHeader(new BackupKdfParameters(3, int.MaxValue, 4), new byte[16], new byte[7], 1024).ToBytes();
        var refused = Assert.Throws<BackupException>(() => BackupHeader.Parse(header));
        Assert.Contains("out of bounds", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_PKCS11_vault_the_backup_says_HSM_keys_are_not_in_it_and_still_holds_the_database_and_secrets()
    {
        var options = new KavachOptions { DataDir = source.Data };
        options.Vault.Type = "Pkcs11";
        options.Vault.Pkcs11.Library = "/usr/lib/softhsm/libsofthsm2.so";
        options.Vault.Pkcs11.TokenLabel = "kavach-backup-test";
        using var passphrase = BackupPassphrase.From(BackedUpInstallation.Passphrase);
        var archive = _dir.File("hsm.backup");

        var manifest = await BackupCreator.CreateAsync(options, archive, passphrase, TimeProvider.System, CancellationToken.None, Cheap);
        Assert.False(manifest.VaultKeysIncluded);
        Assert.Equal("Pkcs11", manifest.VaultKind);
        Assert.Contains(manifest.Notes, note => note.Contains("NOT in this backup", StringComparison.Ordinal) && note.Contains("HSM's own means", StringComparison.Ordinal));
        Assert.Equal(["audit-anchor", "database", "tokenid-salts"], manifest.Files.Select(file => file.Role).Order());

        var verified = await BackupVerifier.VerifyAsync(archive, passphrase, CancellationToken.None);
        Assert.Equal(manifest.Notes, verified.Manifest.Notes);

        // Restoring an HSM installation's backup under a file-vault configuration would start with no keys: refused.
        var fileVault = new KavachOptions { DataDir = _dir.File("file-vault") };
        var refused = await Assert.ThrowsAsync<BackupException>(() => BackupRestorer.RestoreAsync(fileVault, archive, passphrase, CancellationToken.None));
        Assert.Contains("made with a Pkcs11 vault", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(fileVault.DataDir));

        var target = new KavachOptions { DataDir = _dir.File("hsm-data"), Vault = options.Vault };
        var restored = await BackupRestorer.RestoreAsync(target, archive, passphrase, CancellationToken.None);
        Assert.Equal(["audit-anchor.log", "kavach.db", "tokenid.salts"], Directory.GetFiles(target.DataDirectory).Select(Path.GetFileName).Order());
        Assert.Equal(3, restored.Restored.Count);
    }

    private static byte[] Seal(byte[] plaintext, out BackupHeader header)
    {
        header = new BackupHeader(Cheap, RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(7), 1024);
        using var passphrase = BackupPassphrase.From(BackedUpInstallation.Passphrase);
        using var key = BackupKey.Derive(passphrase, header);
        using var output = new MemoryStream();
        using (var encrypting = new EncryptingStream(output, header, key))
        {
            // Odd write sizes, so chunk boundaries fall inside writes.
            for (var offset = 0; offset < plaintext.Length; offset += 700)
            {
                encrypting.Write(plaintext.AsSpan(offset, Math.Min(700, plaintext.Length - offset)));
            }

            encrypting.Complete();
        }

        return output.ToArray();
    }

    private static byte[] Open(byte[] sealedBytes)
    {
        using var passphrase = BackupPassphrase.From(BackedUpInstallation.Passphrase);
        using var input = new MemoryStream(sealedBytes);
        using var decrypting = DecryptingStream.Open(input, passphrase, out var key);
        using (key)
        {
            using var output = new MemoryStream();
            decrypting.CopyTo(output);
            decrypting.ReadToEnd();
            return output.ToArray();
        }
    }
}
