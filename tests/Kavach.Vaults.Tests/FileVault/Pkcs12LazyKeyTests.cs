using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;
using Kavach.Vaults.Tests.Support;

namespace Kavach.Vaults.Tests.FileVault;

/// <summary>
/// Opening the PKCS#12 vault derives no key; each key is decrypted on its first use, once, and a damaged key bag fails
/// closed then. Derivations are counted through the vault's internal <c>KeyDerivations</c> seam, never timed.
/// </summary>
public sealed class Pkcs12LazyKeyTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly byte[] Data = [1, 2, 3, 4, 5];

    // Bags the tests build themselves need no 600,000 rounds to be read like the vault's own.
    private static readonly PbeParameters CheapEncryption = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1_000);

    private readonly Pkcs12Vaults _vaults = new();

    public void Dispose() => _vaults.Dispose();

    [Fact]
    public async Task Opening_derives_no_key_and_certificates_public_keys_and_status_need_none()
    {
        var directory = await PopulatedDirectory();

        var vault = _vaults.Open(directory);
        using var rsa = await vault.GetCertificateAsync("rsa", None);
        using var ec = await vault.GetCertificateAsync("ec", None);
        Assert.True(await vault.ContainsAsync("aes", None));
        Assert.True((await vault.GetStatusAsync(None)).IsReady);
        using var reissued = TestIssuers.SignedElsewhere("rsa-again", rsa!.PublicKey);
        await vault.ReplaceCertificateAsync("rsa", reissued, None);
        await Assert.ThrowsAsync<ArgumentException>(() => vault.ReplaceCertificateAsync("ec", TestIssuers.ForeignCertificate("other"), None));

        Assert.Equal(0, vault.KeyDerivations);
        Assert.Equal(0, vault.DecryptedKeyPairs);
        Assert.NotNull(ec);
    }

    [Fact]
    public async Task Each_key_is_derived_on_its_first_use_and_only_then()
    {
        var directory = await PopulatedDirectory();
        var vault = _vaults.Open(directory);
        using var rsaCertificate = await vault.GetCertificateAsync("rsa", None);
        using var rsa = rsaCertificate!.GetRSAPublicKey()!;

        var signature = vault.SignData("rsa", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256);
        Assert.Equal(1, vault.KeyDerivations);
        Assert.True(rsa.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(Data, vault.DecryptOaepSha256("rsa", rsa.Encrypt(Data, RSAEncryptionPadding.OaepSHA256)));
        vault.SignData("rsa", Data, VaultSignatureAlgorithm.RsaPssSha256);
        Assert.Equal(1, vault.KeyDerivations);
        Assert.Equal(1, vault.DecryptedKeyPairs);

        vault.SignData("ec", Data, VaultSignatureAlgorithm.EcdsaSha256);
        Assert.Equal(2, vault.KeyDerivations);

        var block = new byte[16];
        var wrapped = vault.EncryptAesEcb("aes", block);
        Assert.Equal(block, vault.DecryptAesEcb("aes", wrapped));
        Assert.Equal(3, vault.KeyDerivations);
        Assert.Equal(2, vault.DecryptedKeyPairs);
    }

    [Fact]
    public async Task Issuing_keys_are_decrypted_on_first_issuance_and_checked_before()
    {
        var directory = _vaults.NewDirectory();
        using (var creator = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System))
        {
            using var created = await creator.CreateKeyPairAsync("ca", VaultKeyType.EcP256, TestIssuers.SelfSignedCa("ca"), None);
        }

        var vault = _vaults.Open(directory);
        using var certificate = await vault.GetCertificateAsync("ca", None);

        // The usage check reads the certificate only: refusing data signing costs no derivation.
        Assert.Throws<KeyUsageException>(() => vault.SignData("ca", Data, VaultSignatureAlgorithm.EcdsaSha256));
        Assert.Equal(0, vault.KeyDerivations);
        var csr = vault.CreateSigningRequest("ca", new CertificateRequest(new X500DistinguishedName("CN=ca"), certificate!.PublicKey, HashAlgorithmName.SHA256));

        Assert.NotEmpty(csr);
        Assert.Equal(1, vault.KeyDerivations);
    }

    [Fact]
    public async Task Concurrent_first_uses_derive_each_key_once()
    {
        const int Callers = 8;
        var directory = await PopulatedDirectory();
        var vault = _vaults.Open(directory);
        using var certificate = await vault.GetCertificateAsync("rsa", None);
        using var publicKey = certificate!.GetRSAPublicKey()!;
        var signatures = new byte[Callers][];
        var wrapped = new byte[Callers][];
        var failures = new List<Exception>();
        using var start = new Barrier(Callers);

        // Dedicated threads and a barrier: every caller reaches its first use together, none waits on the pool.
        var threads = Enumerable.Range(0, Callers).Select(i => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                signatures[i] = vault.SignData("rsa", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256);
                wrapped[i] = vault.EncryptAesEcb("aes", new byte[16]);
            }
            catch (Exception exception)
            {
                lock (failures)
                {
                    failures.Add(exception);
                }
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.Empty(failures);
        Assert.All(signatures, signature => Assert.True(publicKey.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.Single(wrapped.Select(Convert.ToHexString).Distinct());
        Assert.Equal(2, vault.KeyDerivations);
    }

    [Fact]
    public async Task A_key_bag_that_does_not_match_its_certificate_fails_closed_at_first_use_only()
    {
        var directory = NewInitializedDirectory(out var password);
        using var inBag = RSA.Create(2048);
        using var inCertificate = RSA.Create(2048);
        using var good = RSA.Create(2048);
        WriteVaultFile(directory, password, [
            Pair("damaged", inBag.ExportEncryptedPkcs8PrivateKey(password, CheapEncryption), SelfSignedCertificate("damaged", inCertificate)),
            Pair("good", good.ExportEncryptedPkcs8PrivateKey(password, CheapEncryption), SelfSignedCertificate("good", good)),
        ]);

        var vault = _vaults.Open(directory);

        using var certificate = await vault.GetCertificateAsync("damaged", None);
        Assert.NotNull(certificate);
        var expected = Pkcs12VaultCodec.Damaged(new InvalidDataException()).Message;
        var signing = Assert.Throws<VaultOpenException>(() => vault.SignData("damaged", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256));
        var decrypting = Assert.Throws<VaultOpenException>(() => vault.DecryptOaepSha256("damaged", new byte[256]));
        Assert.Equal(expected, signing.Message);
        Assert.Equal(expected, decrypting.Message);
        Assert.DoesNotContain(password, signing.ToString(), StringComparison.Ordinal);

        // The failure is kept for these bytes (a retry could only fail again) and taints no other key.
        Assert.Equal(1, vault.KeyDerivations);
        Assert.Equal(0, vault.DecryptedKeyPairs);
        Assert.True(good.VerifyData(Data, vault.SignData("good", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void A_key_bag_that_does_not_decrypt_fails_closed_at_first_use()
    {
        var directory = NewInitializedDirectory(out var password);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        WriteVaultFile(directory, password, [
            Pair("other-password", key.ExportEncryptedPkcs8PrivateKey("not-the-vault-password", CheapEncryption), SelfSignedCertificate("other-password", key)),
        ]);

        var vault = _vaults.Open(directory);

        Assert.Equal(0, vault.KeyDerivations);
        var refused = Assert.Throws<VaultOpenException>(() => vault.SignData("other-password", Data, VaultSignatureAlgorithm.EcdsaSha256));
        Assert.IsAssignableFrom<CryptographicException>(refused.InnerException);
        Assert.Throws<VaultOpenException>(() => vault.SignData("other-password", Data, VaultSignatureAlgorithm.EcdsaSha256));
    }

    [Fact]
    public async Task A_wrong_password_still_fails_at_open()
    {
        var directory = await PopulatedDirectory();
        var passwordFile = Path.Combine(directory, "vault.password");
        await File.WriteAllTextAsync(passwordFile, "not-the-vault-password-0123456789\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var refused = Assert.Throws<VaultOpenException>(() => Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System));

        Assert.Contains("password", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Writes_keep_undecrypted_bags_verbatim_and_reloads_keep_decrypted_keys()
    {
        var directory = await PopulatedDirectory();
        var before = KeyBags(directory);
        var vault = _vaults.Open(directory);
        var other = _vaults.Open(directory);
        vault.SignData("rsa", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256);

        // Another process adds a key; this one finds it on a miss, reloads, and keeps the key it has decrypted.
        using var late = await other.CreateKeyPairAsync("late", VaultKeyType.EcP256, TestIssuers.SelfSigned("late"), None);
        vault.SignData("late", Data, VaultSignatureAlgorithm.EcdsaSha256);
        vault.SignData("rsa", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256);
        Assert.Equal(2, vault.KeyDerivations);

        // This one writes: the bags it never decrypted go back byte for byte, and the write derives nothing.
        await vault.CreateSecretKeyAsync("second-aes", None);
        using var own = await vault.CreateKeyPairAsync("own", VaultKeyType.EcP256, TestIssuers.SelfSigned("own"), None);
        vault.SignData("own", Data, VaultSignatureAlgorithm.EcdsaSha256);

        Assert.Equal(2, vault.KeyDerivations);
        Assert.Equal(3, vault.DecryptedKeyPairs);
        var after = KeyBags(directory);
        foreach (var (alias, bag) in before)
        {
            Assert.Equal(bag, after[alias]);
        }

        Assert.Equal(0, other.KeyDerivations);
    }

    [Fact]
    public async Task A_vault_disposed_before_any_use_derives_nothing_and_refuses_use()
    {
        var vault = _vaults.Open(await PopulatedDirectory());

        vault.Dispose();

        Assert.Throws<ObjectDisposedException>(() => vault.SignData("rsa", Data, VaultSignatureAlgorithm.RsaPkcs1Sha256));
        Assert.Throws<ObjectDisposedException>(() => vault.EncryptAesEcb("aes", new byte[16]));
        Assert.Equal(0, vault.KeyDerivations);
    }

    [Fact]
    public async Task A_deleted_key_that_was_never_used_is_gone_without_a_derivation()
    {
        var vault = _vaults.Open(await PopulatedDirectory());

        await vault.DeleteAsync("ec", None);

        Assert.Throws<VaultKeyNotFoundException>(() => vault.SignData("ec", Data, VaultSignatureAlgorithm.EcdsaSha256));
        Assert.Equal(0, vault.KeyDerivations);
    }

    /// <summary>A directory whose vault holds "rsa", "ec" and "aes", written by an instance that is closed again.</summary>
    private async Task<string> PopulatedDirectory()
    {
        var directory = _vaults.NewDirectory();
        using var creator = Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System);
        using var rsa = await creator.CreateKeyPairAsync("rsa", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa"), None);
        using var ec = await creator.CreateKeyPairAsync("ec", VaultKeyType.EcP256, TestIssuers.SelfSigned("ec"), None);
        await creator.CreateSecretKeyAsync("aes", None);
        return directory;
    }

    /// <summary>A directory with its generated password file and an empty vault, for a file the test writes itself.</summary>
    private string NewInitializedDirectory(out string password)
    {
        var directory = _vaults.NewDirectory();
        Pkcs12FileVault.Open(new Pkcs12VaultOptions(directory), TimeProvider.System).Dispose();
        password = Pkcs12Vaults.ReadPassword(directory);
        return directory;
    }

    // The vault's own codec seals the file with the right password: what an attacker who does not know the password
    // cannot do, and what a bug or a broken tool writing the file could. The MAC holds; only the bag is wrong.
    private static void WriteVaultFile(string directory, string password, IEnumerable<VaultEntry> entries) =>
        File.WriteAllBytes(Path.Combine(directory, "vault.p12"), Pkcs12VaultCodec.Encode(entries, password));

    private static KeyPairEntry Pair(string alias, byte[] encryptedKey, byte[] certificate) =>
        new(alias, RandomNumberGenerator.GetBytes(20), encryptedKey, certificate, new DeferredKey(encryptedKey, []));

    private static byte[] SelfSignedCertificate(string commonName, AsymmetricAlgorithm key)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest($"CN={commonName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest($"CN={commonName}", ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA only.", nameof(key)),
        };
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        return certificate.RawData;
    }

    /// <summary>The encrypted bytes of every key bag in the directory's vault file, by alias.</summary>
    private static Dictionary<string, byte[]> KeyBags(string directory)
    {
        var info = Pkcs12Info.Decode(File.ReadAllBytes(Path.Combine(directory, "vault.p12")), out _);
        return info.AuthenticatedSafe
            .SelectMany(contents => contents.GetBags())
            .OfType<Pkcs12ShroudedKeyBag>()
            .ToDictionary(bag => Pkcs12BagAttributes.Read(bag).FriendlyName!, bag => bag.EncryptedPkcs8PrivateKey.ToArray(), StringComparer.Ordinal);
    }
}
