using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;
using Kavach.Testing;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>
/// Token faults under a live vault: calls fail cleanly (never "no such key" for a key that exists), the vault reports
/// not-ready, and recovers by itself when the token is back, without being reopened.
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11FaultTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_removed_token_fails_calls_cleanly_and_the_vault_recovers_when_it_is_back()
    {
        var token = await SoftHsm.CreateTokenAsync();
        using var vault = Pkcs11Vault.Open(token.Options(), TimeProvider.System);
        var alias = Guid.NewGuid().ToString();
        var secret = Guid.NewGuid().ToString();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        await vault.CreateSecretKeyAsync(secret, None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var ciphertext = publicKey.Encrypt(new byte[32], RSAEncryptionPadding.OaepSHA256);
        Assert.Equal(new byte[32], vault.DecryptOaepSha256(alias, ciphertext));

        var aside = token.Remove();
        try
        {
            // Every kind of call fails as "unavailable"; none claims the key is gone or the alias free.
            Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
            Assert.Throws<KeyVaultUnavailableException>(() => vault.DecryptOaepSha256(alias, ciphertext));
            Assert.Throws<KeyVaultUnavailableException>(() => vault.EncryptAesEcb(secret, new byte[16]));
            await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => vault.ContainsAsync(alias, None));
            await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => vault.GetCertificateAsync(alias, None));
            var down = await vault.GetStatusAsync(None);
            Assert.False(down.IsReady);
            Assert.Contains("PKCS#11", down.Description, StringComparison.Ordinal);
        }
        finally
        {
            token.Restore(aside);
        }

        // No reopen: the vault re-initialises the library and logs in again by itself.
        var status = await WaitForReadyAsync(vault);
        Assert.True(status.IsReady, status.Description);
        var signature = vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256);
        Assert.True(publicKey.VerifyData(new byte[] { 1 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(new byte[32], vault.DecryptOaepSha256(alias, ciphertext));
        Assert.Equal(16, vault.EncryptAesEcb(secret, new byte[16]).Length);
        Assert.True(await vault.ContainsAsync(alias, None));
    }

    [Fact]
    public async Task Calls_keep_failing_fast_while_the_token_stays_away()
    {
        var token = await SoftHsm.CreateTokenAsync();
        using var vault = Pkcs11Vault.Open(token.Options(), TimeProvider.System);
        var alias = Guid.NewGuid().ToString();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);

        var aside = token.Remove();
        try
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; i < 50; i++)
            {
                Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
            }

            // Between reconnection attempts (back-off) a call fails without touching the library.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"50 failing calls took {watch.Elapsed}");
        }
        finally
        {
            token.Restore(aside);
        }

        Assert.True((await WaitForReadyAsync(vault)).IsReady);
        Assert.Equal(64, vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256).Length);
    }

    [Fact]
    public async Task A_key_deleted_through_another_vault_is_not_found_once_its_cached_handle_fails()
    {
        var token = await SoftHsm.SharedTokenAsync();
        using var first = Pkcs11Vault.Open(token.Options(), TimeProvider.System);
        using var second = Pkcs11Vault.Open(token.Options(), TimeProvider.System);
        var alias = Guid.NewGuid().ToString();
        using var certificate = await first.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);
        Assert.Equal(64, first.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256).Length);

        await second.DeleteAsync(alias, None);

        Assert.Throws<VaultKeyNotFoundException>(() => first.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
    }

    [Fact]
    public async Task Another_vault_reinitialising_the_shared_library_is_invisible_to_this_one()
    {
        var token = await SoftHsm.SharedTokenAsync();
        using var vault = Pkcs11Vault.Open(token.Options(), TimeProvider.System);
        var alias = Guid.NewGuid().ToString();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);

        // A token made after the library was initialised is only seen after C_Finalize/C_Initialize, which the second
        // vault's open does: every session of the first vault dies with the old library state.
        var later = await SoftHsm.CreateTokenAsync();
        using (var other = Pkcs11Vault.Open(later.Options(), TimeProvider.System))
        {
            Assert.True((await other.GetStatusAsync(None)).IsReady);
        }

        Assert.Equal(64, vault.SignData(alias, [2], VaultSignatureAlgorithm.EcdsaSha256).Length);
        Assert.True((await vault.GetStatusAsync(None)).IsReady);
    }

    private static async Task<VaultStatus> WaitForReadyAsync(IKeyVault vault)
    {
        var deadline = TimeProvider.System.GetUtcNow() + RecoveryLimit;
        VaultStatus status;
        while (!(status = await vault.GetStatusAsync(None)).IsReady && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200);
        }

        return status;
    }
}
