using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Vault;
using Kavach.Testing;
using Kavach.Vaults.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>
/// Lazy connection and the reconnection back-off, on a frozen clock: the vault opens without its token, does not call
/// the library again before the back-off has passed, tries once it has, and recovers without being reopened.
/// </summary>
[Collection(Pkcs11Collection.Name)]
public sealed class Pkcs11ReconnectTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TemporaryDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_vault_opened_before_its_token_exists_connects_once_the_token_is_made()
    {
        var label = "kv-late-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var pin = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var pinFile = _files.File("late.pin");
        File.WriteAllText(pinFile, pin + "\n");
        File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var clock = new FakeTimeProvider();

        using var vault = Pkcs11Vault.Open(new Pkcs11VaultOptions(SoftHsm.Library, label) { PinFile = pinFile, MaxReconnectDelay = TimeSpan.FromSeconds(2) }, clock);

        var missing = await Assert.ThrowsAsync<KeyVaultUnavailableException>(() => vault.ContainsAsync("ROOT", None));
        Assert.Equal("The PKCS#11 token is not present.", missing.Message);
        var down = await vault.GetStatusAsync(None);
        Assert.False(down.IsReady);
        Assert.Equal("The PKCS#11 token is not present.", down.Description);

        var (code, output, error) = await ExternalTool.RunAsync(
            "softhsm2-util", ["--init-token", "--free", "--label", label, "--so-pin", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), "--pin", pin]);
        Assert.True(code == 0, output + error);
        clock.Advance(TimeSpan.FromSeconds(2));

        var up = await vault.GetStatusAsync(None);
        Assert.True(up.IsReady, up.Description);
        Assert.False(await vault.ContainsAsync("ROOT", None));
        var alias = Guid.NewGuid().ToString();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);
        Assert.Equal(64, vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256).Length);
    }

    [Fact]
    public async Task While_the_token_is_away_the_library_is_tried_once_per_back_off_period_and_the_vault_recovers()
    {
        var token = await SoftHsm.CreateTokenAsync();
        var clock = new FakeTimeProvider();
        using var vault = Pkcs11Vault.Open(token.Options() with { MaxReconnectDelay = TimeSpan.FromSeconds(4) }, clock);
        var alias = Guid.NewGuid().ToString();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.EcP256, TestIssuers.SelfSigned(alias), None);
        var connected = vault.ConnectionAttempts;

        var aside = token.Remove();
        try
        {
            // The failing call sees the token gone; at most the next one retries at once (after re-initialising the library).
            for (var i = 0; i < 20; i++)
            {
                Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
            }

            var afterFailure = vault.ConnectionAttempts;
            Assert.InRange(afterFailure - connected, 1, 2);

            // The breaker is open: no call reaches the library before the first back-off (250 ms) has passed.
            clock.Advance(TimeSpan.FromMilliseconds(249));
            for (var i = 0; i < 20; i++)
            {
                Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
            }

            Assert.False((await vault.GetStatusAsync(None)).IsReady);
            Assert.Equal(afterFailure, vault.ConnectionAttempts);

            // Once it has: exactly one attempt, then the next, longer, back-off (500 ms).
            clock.Advance(TimeSpan.FromMilliseconds(1));
            for (var i = 0; i < 20; i++)
            {
                Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
            }

            Assert.Equal(afterFailure + 1, vault.ConnectionAttempts);
            clock.Advance(TimeSpan.FromMilliseconds(499));
            Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
            Assert.Equal(afterFailure + 1, vault.ConnectionAttempts);
            clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
            Assert.Equal(afterFailure + 2, vault.ConnectionAttempts);
        }
        finally
        {
            token.Restore(aside);
        }

        // Back, but not retried before the (now 1 s) back-off passes; then one attempt reconnects, without a reopen.
        Assert.Throws<KeyVaultUnavailableException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
        clock.Advance(TimeSpan.FromSeconds(1));
        using var publicKey = certificate.GetECDsaPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 2 }, vault.SignData(alias, [2], VaultSignatureAlgorithm.EcdsaSha256), HashAlgorithmName.SHA256));
        Assert.True((await vault.GetStatusAsync(None)).IsReady);
        var recovered = vault.ConnectionAttempts;
        Assert.Equal(64, vault.SignData(alias, [3], VaultSignatureAlgorithm.EcdsaSha256).Length);
        Assert.Equal(recovered, vault.ConnectionAttempts);
    }

    [Fact]
    public async Task A_back_off_never_exceeds_the_configured_maximum()
    {
        var token = await SoftHsm.CreateTokenAsync();
        var clock = new FakeTimeProvider();
        using var vault = Pkcs11Vault.Open(token.Options() with { MaxReconnectDelay = TimeSpan.FromSeconds(1) }, clock);
        Assert.True((await vault.GetStatusAsync(None)).IsReady);

        var aside = token.Remove();
        try
        {
            // Many rounds: the breaks grow 250 ms, 500 ms, 1 s and stay at the 1 s maximum.
            for (var round = 0; round < 8; round++)
            {
                Assert.False((await vault.GetStatusAsync(None)).IsReady);
                Assert.False((await vault.GetStatusAsync(None)).IsReady);
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            var before = vault.ConnectionAttempts;
            Assert.False((await vault.GetStatusAsync(None)).IsReady);
            Assert.Equal(before + 1, vault.ConnectionAttempts);
        }
        finally
        {
            token.Restore(aside);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await vault.GetStatusAsync(None)).IsReady);
    }
}
