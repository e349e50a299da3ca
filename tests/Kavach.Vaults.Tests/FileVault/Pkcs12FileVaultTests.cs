using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Tests.Contract;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Tests.FileVault;

/// <summary>The vault contract plus what is particular to the PKCS#12 file: files, modes, passwords, reopening.</summary>
public sealed class Pkcs12FileVaultTests : KeyVaultContractTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly Pkcs12Vaults _vaults = new();

    protected override IKeyVault CreateVault() => _vaults.Open(_vaults.NewDirectory());

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _vaults.Dispose();
    }

    [Fact]
    public void Kind_is_pkcs12()
    {
        Assert.Equal("PKCS12", _vaults.Open(_vaults.NewDirectory()).Kind);
    }

    [Fact]
    public void The_first_open_creates_a_random_password_and_an_empty_vault_owner_only()
    {
        var directory = Path.Combine(_vaults.NewDirectory(), "not-yet-there");

        _vaults.Open(directory);

        var password = File.ReadAllText(Path.Combine(directory, "vault.password"));
        Assert.EndsWith("\n", password, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(password.TrimEnd('\n')).Length);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(directory, "vault.password")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(directory, "vault.p12")));
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(directory, "vault.lock")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
    }

    [Fact]
    public async Task The_vault_file_stays_owner_only_after_writes_and_leaves_no_temporary_files()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);

        await vault.CreateSecretKeyAsync("secret", None);
        using var certificate = await vault.CreateKeyPairAsync("pair", VaultKeyType.EcP256, TestIssuers.SelfSigned("pair"), None);

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(directory, "vault.p12")));
        Assert.Equal(
            ["vault.lock", "vault.p12", "vault.password"],
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Different_directories_get_different_passwords()
    {
        string first = _vaults.NewDirectory(), second = _vaults.NewDirectory();
        _vaults.Open(first);
        _vaults.Open(second);

        Assert.NotEqual(
            await File.ReadAllTextAsync(Path.Combine(first, "vault.password")),
            await File.ReadAllTextAsync(Path.Combine(second, "vault.password")));
    }

    [Fact]
    public async Task A_reopened_vault_keeps_keys_and_certificates()
    {
        var directory = _vaults.NewDirectory();
        var data = RandomNumberGenerator.GetBytes(100);
        byte[] rsaCertificate, ecCertificate, k1Certificate;
        using (var vault = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System))
        {
            using var rsa = await vault.CreateKeyPairAsync("rsa", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa"), None);
            using var ec = await vault.CreateKeyPairAsync("ec", VaultKeyType.EcP256, TestIssuers.SelfSigned("ec"), None);
            using var k1 = await vault.CreateKeyPairAsync("k1", VaultKeyType.EcSecp256k1, TestIssuers.SelfSigned("k1"), None);
            await vault.CreateSecretKeyAsync("aes", None);
            (rsaCertificate, ecCertificate, k1Certificate) = (rsa.RawData, ec.RawData, k1.RawData);
        }

        var reopened = _vaults.Open(directory);

        using var storedRsa = await reopened.GetCertificateAsync("rsa", None);
        using var storedEc = await reopened.GetCertificateAsync("ec", None);
        using var storedK1 = await reopened.GetCertificateAsync("k1", None);
        Assert.Equal(rsaCertificate, storedRsa!.RawData);
        Assert.Equal(ecCertificate, storedEc!.RawData);
        Assert.Equal(k1Certificate, storedK1!.RawData);
        Assert.True(await reopened.ContainsAsync("aes", None));
        using var rsaKey = storedRsa.GetRSAPublicKey()!;
        using var ecKey = storedEc.GetECDsaPublicKey()!;
        using var k1Key = storedK1.GetECDsaPublicKey()!;
        Assert.True(rsaKey.VerifyData(data, reopened.SignData("rsa", data, VaultSignatureAlgorithm.RsaPssSha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.True(ecKey.VerifyData(data, reopened.SignData("ec", data, VaultSignatureAlgorithm.EcdsaSha256), HashAlgorithmName.SHA256));
        Assert.True(k1Key.VerifyData(data, reopened.SignData("k1", data, VaultSignatureAlgorithm.EcdsaSha256), HashAlgorithmName.SHA256));
        Assert.Equal(data, reopened.DecryptOaepSha256("rsa", rsaKey.Encrypt(data, RSAEncryptionPadding.OaepSHA256)));
    }

    [Fact]
    public async Task A_replaced_certificate_and_a_delete_survive_a_reopen()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        using var original = await vault.CreateKeyPairAsync("pair", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("first"), None);
        await vault.CreateSecretKeyAsync("gone", None);
        using var reissued = TestIssuers.SignedElsewhere("second", original.PublicKey);
        await vault.ReplaceCertificateAsync("pair", reissued, None);
        await vault.DeleteAsync("gone", None);

        var reopened = _vaults.Open(directory);

        using var stored = await reopened.GetCertificateAsync("pair", None);
        Assert.Equal("CN=second", stored!.Subject);
        Assert.False(await reopened.ContainsAsync("gone", None));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public void A_password_file_open_to_group_or_others_is_refused(UnixFileMode extra)
    {
        var directory = _vaults.NewDirectory();
        _vaults.Open(directory).Dispose();
        var passwordFile = Path.Combine(directory, "vault.password");
        var password = File.ReadAllText(passwordFile).TrimEnd('\n');
        File.SetUnixFileMode(passwordFile, OwnerReadWrite | extra);

        var refused = Assert.Throws<VaultOpenException>(() => Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System));

        Assert.Contains("chmod 600", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_without_revealing_either_password()
    {
        var directory = _vaults.NewDirectory();
        using (var vault = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System))
        {
            await vault.CreateSecretKeyAsync("k", None);
        }

        var passwordFile = Path.Combine(directory, "vault.password");
        var right = File.ReadAllText(passwordFile).TrimEnd('\n');
        const string Wrong = "not-the-vault-password-0123456789";
        File.WriteAllText(passwordFile, Wrong + "\n");
        File.SetUnixFileMode(passwordFile, OwnerReadWrite);

        var refused = Assert.Throws<VaultOpenException>(() => Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System));

        Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(right, refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_password_file_next_to_an_existing_vault_is_refused_not_regenerated()
    {
        var directory = _vaults.NewDirectory();
        using (var vault = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System))
        {
            await vault.CreateSecretKeyAsync("k", None);
        }

        File.Delete(Path.Combine(directory, "vault.password"));

        Assert.Throws<VaultOpenException>(() => Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System));
        Assert.False(File.Exists(Path.Combine(directory, "vault.password")));
    }

    [Fact]
    public async Task A_damaged_vault_file_is_refused()
    {
        var directory = _vaults.NewDirectory();
        using (var vault = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System))
        {
            await vault.CreateSecretKeyAsync("k", None);
        }

        var vaultFile = Path.Combine(directory, "vault.p12");
        var bytes = await File.ReadAllBytesAsync(vaultFile);
        bytes[bytes.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(vaultFile, bytes);

        Assert.Throws<VaultOpenException>(() => Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System));
    }

    [Fact]
    public async Task Custom_file_names_are_used()
    {
        var directory = _vaults.NewDirectory();
        var options = new Pkcs12VaultOptions(directory, "keys.pfx", "keys.pass");
        using (var vault = Pkcs12FileVault.Open(options, TimeProvider.System))
        {
            await vault.CreateSecretKeyAsync("k", None);
        }

        using var reopened = Pkcs12FileVault.Open(options, TimeProvider.System);
        Assert.True(await reopened.ContainsAsync("k", None));
        Assert.True(File.Exists(Path.Combine(directory, "keys.pfx")));
        Assert.True(File.Exists(Path.Combine(directory, "keys.pass")));
        Assert.True(File.Exists(Path.Combine(directory, "keys.lock")));
    }

    [Theory]
    [InlineData("../vault.p12")]
    [InlineData("sub/vault.p12")]
    [InlineData("")]
    public void File_names_with_directory_parts_are_refused(string fileName)
    {
        Assert.ThrowsAny<ArgumentException>(() => Pkcs12FileVault.Open(new Pkcs12VaultOptions(_vaults.NewDirectory(), fileName), TimeProvider.System));
    }

    [Fact]
    public async Task An_issuer_returning_a_certificate_for_another_key_is_refused()
    {
        var vault = _vaults.Open(_vaults.NewDirectory());

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            vault.CreateKeyPairAsync("pair", VaultKeyType.Rsa2048, (_, _) => TestIssuers.ForeignCertificate("foreign"), None));

        Assert.False(await vault.ContainsAsync("pair", None));
    }

    [Fact]
    public async Task A_secret_key_cannot_sign_or_decrypt()
    {
        var vault = _vaults.Open(_vaults.NewDirectory());
        await vault.CreateSecretKeyAsync("aes", None);

        Assert.ThrowsAny<ArgumentException>(() => vault.SignData("aes", [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
        Assert.ThrowsAny<ArgumentException>(() => vault.DecryptOaepSha256("aes", new byte[256]));
    }

    [Fact]
    public async Task Status_is_ready_and_never_shows_the_password()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        await vault.CreateSecretKeyAsync("aes", None);
        var password = Pkcs12Vaults.ReadPassword(directory);

        var status = await vault.GetStatusAsync(None);

        Assert.True(status.IsReady, status.Description);
        Assert.DoesNotContain(password, status.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(directory, status.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_is_not_ready_when_the_vault_file_disappears()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        await vault.CreateSecretKeyAsync("aes", None);
        File.Delete(Path.Combine(directory, "vault.p12"));

        Assert.False((await vault.GetStatusAsync(None)).IsReady);
        await Assert.ThrowsAsync<IOException>(() => vault.CreateSecretKeyAsync("other", None));
    }

    [Fact]
    public async Task A_disposed_vault_refuses_work()
    {
        var vault = _vaults.Open(_vaults.NewDirectory());
        using var certificate = await vault.CreateKeyPairAsync("rsa", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa"), None);

        vault.Dispose();

        Assert.Throws<ObjectDisposedException>(() => vault.SignData("rsa", [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => vault.CreateSecretKeyAsync("aes", None));
        Assert.False((await vault.GetStatusAsync(None)).IsReady);
    }
}
