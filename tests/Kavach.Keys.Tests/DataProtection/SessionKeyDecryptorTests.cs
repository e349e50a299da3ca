using System.Security.Cryptography;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Tests.Support;

namespace Kavach.Keys.Tests.DataProtection;

/// <summary>Finding the key of a thumbprint and unwrapping session keys: what is cached, and what is refused.</summary>
public sealed class SessionKeyDecryptorTests : IDisposable
{
    private readonly KeyServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_hot_decrypt_costs_one_rsa_operation_and_no_store_read()
    {
        var master = await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("SESSION");
        var thumbprint = Convert.FromHexString(key.Alias.CertThumbprint!);
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var encrypted = KeyServices.EncryptTo(key, sessionKey);

        for (var i = 0; i < 3; i++)
        {
            var alias = KeyServices.Ok(await _services.SessionKeys.FindAsync(KeyServices.App, "SESSION", thumbprint, KeyServices.Ct));
            Assert.Equal(key.Alias.Id, alias.Id);
            Assert.Equal(sessionKey, KeyServices.Ok(await _services.SessionKeys.UnwrapAsync(alias, encrypted, allowVaultKeys: false, KeyServices.Ct)));
        }

        Assert.Equal(1, _services.Store.ThumbprintReads);
        Assert.Equal(1, _services.Vault.DecryptionsWith(master.Alias.Id));
        Assert.Equal(1, _services.PrivateKeys.Count);
    }

    [Fact]
    public async Task An_unknown_thumbprint_is_refused_and_not_remembered()
    {
        await _services.BootstrapAsync();
        var unknown = RandomNumberGenerator.GetBytes(32);

        for (var i = 1; i <= 3; i++)
        {
            var result = await _services.SessionKeys.FindAsync(KeyServices.App, "SESSION", unknown, KeyServices.Ct);
            Assert.Equal(ErrorCodes.KeyNotFoundByThumbprint, result.Error);
            Assert.Equal(i, _services.Store.ThumbprintReads);
        }
    }

    [Fact]
    public async Task Another_applications_thumbprint_is_refused()
    {
        await _services.BootstrapAsync();
        var kernel = KeyServices.Ok(await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct));

        var result = await _services.SessionKeys.FindAsync(KeyServices.App, string.Empty, Convert.FromHexString(kernel.Alias.CertThumbprint!), KeyServices.Ct);

        Assert.Equal(ErrorCodes.AppIdReferenceIdNotMatching, result.Error);
    }

    [Fact]
    public async Task A_session_key_for_another_key_gives_one_generic_error()
    {
        await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("SESSION");
        var other = await _services.BaseKeyAsync("OTHER");

        var wrongKey = await _services.SessionKeys.UnwrapAsync(key.Alias, KeyServices.EncryptTo(other, new byte[32]), allowVaultKeys: false, KeyServices.Ct);
        var truncated = await _services.SessionKeys.UnwrapAsync(key.Alias, new byte[100], allowVaultKeys: false, KeyServices.Ct);

        Assert.Equal(ErrorCodes.InvalidEncryptedData, wrongKey.Error);
        Assert.Equal(ErrorCodes.InvalidEncryptedData, truncated.Error);
    }

    [Fact]
    public async Task Vault_keys_decrypt_only_when_allowed_and_signing_keys_never()
    {
        var master = await _services.BootstrapAsync();
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var encrypted = KeyServices.EncryptTo(master, sessionKey);
        var signer = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));

        var refused = await _services.SessionKeys.UnwrapAsync(master.Alias, encrypted, allowVaultKeys: false, KeyServices.Ct);
        var allowed = await _services.SessionKeys.UnwrapAsync(master.Alias, encrypted, allowVaultKeys: true, KeyServices.Ct);
        var signing = await _services.SessionKeys.UnwrapAsync(signer.Key.Alias, KeyServices.EncryptTo(signer.Key, sessionKey), allowVaultKeys: true, KeyServices.Ct);

        Assert.Equal(ErrorCodes.DecryptionNotAllowed, refused.Error);
        Assert.Equal(sessionKey, KeyServices.Ok(allowed));
        Assert.Equal(ErrorCodes.DecryptionNotAllowed, signing.Error);
    }

    [Fact]
    public async Task Data_without_a_thumbprint_still_decrypts_after_a_rotation()
    {
        await _services.BootstrapAsync();
        var old = await _services.BaseKeyAsync("LEGACY");
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var encrypted = KeyServices.EncryptTo(old, sessionKey);
        _services.Time.SetUtcNow(new DateTimeOffset(old.Alias.ExpiresAt, TimeSpan.Zero).AddDays(-1));
        var rotated = await _services.BaseKeyAsync("LEGACY");

        var unwrapped = await _services.SessionKeys.UnwrapWithoutThumbprintAsync(KeyServices.App, "LEGACY", encrypted, KeyServices.Ct);

        Assert.NotEqual(old.Alias.Id, rotated.Alias.Id);
        Assert.Equal(sessionKey, KeyServices.Ok(unwrapped));
    }
}
