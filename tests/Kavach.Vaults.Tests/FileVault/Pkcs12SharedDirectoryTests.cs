using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Tests.FileVault;

/// <summary>Two vault instances on one directory, standing in for two server processes sharing a data directory.</summary>
public sealed class Pkcs12SharedDirectoryTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly Pkcs12Vaults _vaults = new();

    public void Dispose() => _vaults.Dispose();

    [Fact]
    public async Task Two_instances_on_one_directory_lose_nothing_and_see_each_others_keys()
    {
        var directory = _vaults.NewDirectory();
        var first = _vaults.Open(directory);
        var second = _vaults.Open(directory);

        var writes = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            var index = i;
            writes.Add(Task.Run(() => first.CreateSecretKeyAsync($"first-secret-{index}", None)));
            writes.Add(Task.Run(() => second.CreateSecretKeyAsync($"second-secret-{index}", None)));
            writes.Add(Task.Run(() => CreatePair(first, $"first-pair-{index}")));
            writes.Add(Task.Run(() => CreatePair(second, $"second-pair-{index}")));
        }

        await Task.WhenAll(writes);

        var third = _vaults.Open(directory);
        foreach (var vault in new[] { first, second, third })
        {
            for (var i = 0; i < 4; i++)
            {
                foreach (var owner in new[] { "first", "second" })
                {
                    Assert.True(await vault.ContainsAsync($"{owner}-secret-{i}", None));
                    using var certificate = await vault.GetCertificateAsync($"{owner}-pair-{i}", None);
                    using var publicKey = certificate!.GetECDsaPublicKey()!;
                    byte[] data = [1, 2, 3, (byte)i];
                    Assert.True(publicKey.VerifyData(data, vault.SignData($"{owner}-pair-{i}", data, VaultSignatureAlgorithm.EcdsaSha256), HashAlgorithmName.SHA256));
                }
            }
        }

        static async Task CreatePair(IKeyVault vault, string alias)
        {
            using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);
        }
    }

    [Fact]
    public async Task A_key_added_by_another_instance_is_found_by_signing_and_decryption()
    {
        var directory = _vaults.NewDirectory();
        var reader = _vaults.Open(directory);
        var writer = _vaults.Open(directory);
        Assert.Throws<VaultKeyNotFoundException>(() => reader.SignData("late", [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));

        using var certificate = await writer.CreateKeyPairAsync("late", VaultKeyType.Rsa2048, TestIssuers.SelfSigned("late"), None);

        using var publicKey = certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 1 }, reader.SignData("late", [1], VaultSignatureAlgorithm.RsaPkcs1Sha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(new byte[] { 7 }, reader.DecryptOaepSha256("late", publicKey.Encrypt(new byte[] { 7 }, RSAEncryptionPadding.OaepSHA256)));
    }

    [Fact]
    public async Task The_same_alias_created_by_two_instances_is_kept_once()
    {
        var directory = _vaults.NewDirectory();
        var first = _vaults.Open(directory);
        var second = _vaults.Open(directory);

        var attempts = new[] { first, second }.Select(vault => Task.Run(() => vault.CreateSecretKeyAsync("contested", None))).ToArray();
        var outcome = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                await attempt;
                return true;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }));

        Assert.Single(outcome, won => won);
        Assert.True(await _vaults.Open(directory).ContainsAsync("contested", None));
    }

    [Fact]
    public async Task A_writer_waits_for_the_lock_held_by_another_process()
    {
        var directory = _vaults.NewDirectory();
        var vault = _vaults.Open(directory);
        Task write;
        using (new FileStream(Path.Combine(directory, "vault.lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            write = vault.CreateSecretKeyAsync("waiting", None);
            await Task.Delay(300);
            Assert.False(write.IsCompleted);
        }

        await write;
        Assert.True(await vault.ContainsAsync("waiting", None));
    }
}
