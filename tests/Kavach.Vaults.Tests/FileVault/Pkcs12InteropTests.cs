using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;
using Kavach.Testing;

namespace Kavach.Vaults.Tests.FileVault;

/// <summary>The vault file is a standard PKCS#12 keystore: OpenSSL and Java's keytool read it, and the vault reads keytool's.</summary>
public sealed class Pkcs12InteropTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Pkcs12Vaults _vaults = new();

    public void Dispose() => _vaults.Dispose();

    [Fact]
    public async Task Secret_keys_are_stored_as_java_does_aes_256_in_a_shrouded_secret_bag()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        await vault.CreateSecretKeyAsync("aes", None);
        var password = Pkcs12Vaults.ReadPassword(directory);

        var info = Pkcs12Info.Decode(await File.ReadAllBytesAsync(Path.Combine(directory, "vault.p12")), out _);
        var bag = Assert.Single(info.AuthenticatedSafe.SelectMany(contents => contents.GetBags()).OfType<Pkcs12SecretBag>());
        Assert.Equal("1.2.840.113549.1.12.10.1.2", bag.GetSecretType().Value);
        var encrypted = AsnDecoder.ReadOctetString(bag.SecretValue.Span, AsnEncodingRules.DER, out _);
        var key = Pkcs8PrivateKeyInfo.DecryptAndDecode(password, encrypted, out _);
        Assert.Equal("2.16.840.1.101.3.4.1", key.AlgorithmId.Value);
        Assert.Equal(32, key.PrivateKeyBytes.Length);
    }

    [Fact]
    public async Task Openssl_reads_the_vault_as_a_standard_pkcs12_file()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        using var rsa = await vault.CreateKeyPairAsync("rsa-key", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa-key"), None);
        using var ec = await vault.CreateKeyPairAsync("ec-key", VaultKeyType.EcP256, TestIssuers.SelfSigned("ec-key"), None);
        using var k1 = await vault.CreateKeyPairAsync("k1-key", VaultKeyType.EcSecp256k1, TestIssuers.SelfSigned("k1-key"), None);
        await vault.CreateSecretKeyAsync("aes-key", None);
        var vaultFile = Path.Combine(directory, "vault.p12");
        var passwordArgument = "file:" + Path.Combine(directory, "vault.password");

        var info = await ExternalTool.RunAsync("openssl", ["pkcs12", "-info", "-noout", "-in", vaultFile, "-passin", passwordArgument]);
        var dump = await ExternalTool.RunAsync("openssl", ["pkcs12", "-in", vaultFile, "-passin", passwordArgument, "-nodes"]);

        Assert.True(info.ExitCode == 0, info.StdErr);
        Assert.Contains("MAC: sha256, Iteration 10000", info.StdErr, StringComparison.Ordinal);
        Assert.Equal(0, Regex.Count(info.StdErr, "Shrouded Keybag: (?!PBES2, PBKDF2, AES-256-CBC, Iteration 600000, PRF hmacWithSHA256)"));
        Assert.True(Regex.Count(info.StdErr, "Shrouded Keybag: PBES2") >= 3, info.StdErr);
        Assert.Equal(3, Regex.Count(info.StdErr, "Certificate bag"));
        Assert.Equal(1, Regex.Count(info.StdErr, "Secret bag"));
        Assert.True(dump.ExitCode == 0, dump.StdErr);
        foreach (var alias in new[] { "rsa-key", "ec-key", "k1-key" })
        {
            // Key bag and certificate bag both carry the alias and the same localKeyID.
            var ids = Regex.Matches(dump.StdOut, $@"Bag Attributes\s+friendlyName: {alias}\s+localKeyID: ([0-9A-F ]+)\n")
                .Select(match => match.Groups[1].Value.Trim())
                .ToList();
            Assert.Equal(2, ids.Count);
            Assert.Equal(ids[0], ids[1]);
        }

        Assert.Equal(3, Regex.Count(dump.StdOut, "-----BEGIN PRIVATE KEY-----"));
        Assert.Contains(rsa.ExportCertificatePem(), dump.StdOut, StringComparison.Ordinal);
        Assert.Contains(k1.ExportCertificatePem(), dump.StdOut, StringComparison.Ordinal);
        Assert.Contains("friendlyName: aes-key", dump.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Java_keytool_lists_key_pairs_and_secret_keys()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        using var rsa = await vault.CreateKeyPairAsync("rsa-key", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa-key"), None);
        using var ec = await vault.CreateKeyPairAsync("ec-key", VaultKeyType.EcP256, TestIssuers.SelfSigned("ec-key"), None);
        await vault.CreateSecretKeyAsync("aes-key", None);

        var list = await ExternalTool.RunAsync(
            "keytool",
            ["-list", "-v", "-storetype", "PKCS12", "-keystore", Path.Combine(directory, "vault.p12"), "-storepass:file", Path.Combine(directory, "vault.password")]);

        Assert.True(list.ExitCode == 0, list.StdOut + list.StdErr);
        Assert.Contains("Your keystore contains 3 entries", list.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"Alias name: rsa-key\s[\s\S]*?Entry type: PrivateKeyEntry", list.StdOut);
        Assert.Matches(@"Alias name: ec-key\s[\s\S]*?Entry type: PrivateKeyEntry", list.StdOut);
        Assert.Matches(@"Alias name: aes-key\s[\s\S]*?Entry type: SecretKeyEntry", list.StdOut);
        Assert.Contains(string.Join(':', Convert.ToHexString(SHA256.HashData(rsa.RawData)).Chunk(2).Select(pair => new string(pair))), list.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Java_keytool_decrypts_every_entry()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        using var rsa = await vault.CreateKeyPairAsync("rsa-key", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa-key"), None);
        using var k1 = await vault.CreateKeyPairAsync("k1-key", VaultKeyType.EcSecp256k1, TestIssuers.SelfSigned("k1-key"), None);
        await vault.CreateSecretKeyAsync("aes-key", None);

        // Copying into a new keystore makes keytool decrypt each private and secret key with the vault password.
        var copy = await ExternalTool.RunAsync(
            "keytool",
            [
                "-importkeystore", "-noprompt",
                "-srcstoretype", "PKCS12", "-srckeystore", Path.Combine(directory, "vault.p12"),
                "-srcstorepass:file", Path.Combine(directory, "vault.password"),
                "-deststoretype", "PKCS12", "-destkeystore", Path.Combine(directory, "copy.p12"), "-deststorepass", "copy-password",
            ]);

        Assert.True(copy.ExitCode == 0, copy.StdOut + copy.StdErr);
        Assert.Contains("3 entries successfully imported, 0 entries failed", copy.StdOut + copy.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keystore_written_by_java_keytool_opens_and_signs()
    {
        var directory = _vaults.NewDirectory();
        _vaults.Open(directory).Dispose();
        File.Delete(Path.Combine(directory, "vault.p12"));
        var password = Pkcs12Vaults.ReadPassword(directory);
        string[] common = ["-storetype", "PKCS12", "-keystore", Path.Combine(directory, "vault.p12"), "-storepass", password];
        var pair = await ExternalTool.RunAsync("keytool", ["-genkeypair", "-alias", "java-rsa", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=java", .. common]);
        var secret = await ExternalTool.RunAsync("keytool", ["-genseckey", "-alias", "java-aes", "-keyalg", "AES", "-keysize", "256", .. common]);
        Assert.True(pair.ExitCode == 0, pair.StdOut + pair.StdErr);
        Assert.True(secret.ExitCode == 0, secret.StdOut + secret.StdErr);

        var vault = _vaults.Open(directory);

        Assert.True(await vault.ContainsAsync("java-aes", None));
        using var certificate = await vault.GetCertificateAsync("java-rsa", None);
        using var publicKey = certificate!.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 5 }, vault.SignData("java-rsa", [5], VaultSignatureAlgorithm.RsaPkcs1Sha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        await vault.CreateSecretKeyAsync("ours", None);
        Assert.True(await _vaults.Open(directory).ContainsAsync("java-rsa", None));
    }
}
