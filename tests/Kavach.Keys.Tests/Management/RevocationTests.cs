using System.Security.Cryptography;
using Kavach.Crypto.Jose;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Tests.Support;

namespace Kavach.Keys.Tests.Management;

/// <summary>revokeKey reaches every cache through the registered listeners: no cache serves a revoked key as before.</summary>
public sealed class RevocationTests
{
    [Fact]
    public async Task A_revoked_base_key_is_dropped_from_every_cache_and_replaced()
    {
        using var services = new KeyServices();
        var master = await services.BootstrapAsync();
        var key = await services.BaseKeyAsync("REVOKE");
        var thumbprint = Convert.FromHexString(key.Alias.CertThumbprint!);
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var encrypted = KeyServices.EncryptTo(key, sessionKey);
        await DecryptAsync(services, thumbprint, encrypted);
        Assert.Equal(1, services.PrivateKeys.Count);
        AfterGeneration(services);

        Assert.Equal("Key Revoked", KeyServices.Ok(await services.Lifecycle.RevokeKeyAsync(KeyServices.App, "REVOKE", KeyServices.Ct)));

        // Nothing of the revoked key is served from memory: the key and its thumbprint lookup are read again.
        Assert.Equal(0, services.PrivateKeys.Count);
        var (thumbprintReads, unwraps) = (services.Store.ThumbprintReads, services.Vault.DecryptionsWith(master.Alias.Id));
        Assert.Equal(sessionKey, await DecryptAsync(services, thumbprint, encrypted));
        Assert.Equal(thumbprintReads + 1, services.Store.ThumbprintReads);
        Assert.Equal(unwraps + 1, services.Vault.DecryptionsWith(master.Alias.Id));

        // Encryption moves to a new key at once.
        var current = await services.BaseKeyAsync("REVOKE");
        Assert.NotEqual(key.Alias.Id, current.Alias.Id);
    }

    [Fact]
    public async Task The_private_key_cache_drops_a_revoked_signing_key_as_a_listener_of_its_own()
    {
        // Only the private-key cache is registered: the Ed25519 signing path does not go through the session-key decryptor.
        using var services = new KeyServices(listeners: [s => s.PrivateKeys]);
        var master = await services.BootstrapAsync();
        var made = KeyServices.Ok(await services.Ring.Generator.GenerateAsync(KeyServices.App, KeyIds.Ed25519Sign, SubjectRequest.Empty, force: false, KeyServices.Ct));
        var key = KeyServices.Ok(await services.SigningKeys.GetAsync(KeyServices.App, KeyIds.Ed25519Sign, KeyServices.Ct));
        var held = KeyServices.Ok(await services.SigningKeys.PrepareAsync(key, JwsAlgorithm.EdDSA, KeyServices.Ct));
        byte[] input = [1, 2, 3];
        var signature = held.Sign(input);
        Assert.Equal(1, services.PrivateKeys.Count);
        AfterGeneration(services);

        KeyServices.Ok(await services.Lifecycle.RevokeKeyAsync(KeyServices.App, KeyIds.Ed25519Sign, KeyServices.Ct));

        Assert.Equal(0, services.PrivateKeys.Count);

        // A signature already under way finishes with the key it started with.
        Assert.Equal(signature, held.Sign(input));
        held.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => held.Sign(input));

        var successor = KeyServices.Ok(await services.SigningKeys.GetAsync(KeyServices.App, KeyIds.Ed25519Sign, KeyServices.Ct));
        Assert.NotEqual(made.Alias.Id, successor.Key.Alias.Id);
        using var signer = KeyServices.Ok(await services.SigningKeys.PrepareAsync(successor, JwsAlgorithm.EdDSA, KeyServices.Ct));
        Assert.NotEqual(signature, signer.Sign(input));
        Assert.Equal(2, services.Vault.DecryptionsWith(master.Alias.Id));
    }

    [Fact]
    public async Task A_revoked_data_signing_key_is_replaced_for_the_next_signature()
    {
        using var services = new KeyServices();
        await services.BootstrapAsync();
        var first = KeyServices.Ok(await services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));
        AfterGeneration(services);

        KeyServices.Ok(await services.Lifecycle.RevokeKeyAsync(KeyServices.App, KeyIds.Sign, KeyServices.Ct));
        var next = KeyServices.Ok(await services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));

        Assert.NotEqual(first.Key.Alias.Id, next.Key.Alias.Id);
    }

    [Fact]
    public async Task Every_registered_listener_hears_of_a_revocation_once_and_only_after_it_is_committed()
    {
        var heard = new List<(string Listener, string AliasId, int Commits)>();
        KeyServices? services = null;
        services = new KeyServices(listeners:
        [
            _ => new Listener(id => heard.Add(("first", id, services!.Store.Commits))),
            _ => new Listener(id => heard.Add(("second", id, services!.Store.Commits))),
        ]);
        using (services)
        {
            await services.BootstrapAsync();
            var key = await services.BaseKeyAsync("REVOKE");
            var commits = services.Store.Commits;

            KeyServices.Ok(await services.Lifecycle.RevokeKeyAsync(KeyServices.App, "REVOKE", KeyServices.Ct));

            Assert.Equal([("first", key.Alias.Id, commits + 1), ("second", key.Alias.Id, commits + 1)], heard);
        }
    }

    [Fact]
    public async Task A_refused_revocation_tells_nobody()
    {
        var heard = new List<string>();
        using var services = new KeyServices(listeners: [_ => new Listener(heard.Add)]);
        await services.BootstrapAsync();

        var kernelSign = await services.Lifecycle.RevokeKeyAsync(KeyIds.Kernel, KeyIds.Sign, KeyServices.Ct);
        var nothingToRevoke = await services.Lifecycle.RevokeKeyAsync(KeyServices.App, "NEVER_MADE", KeyServices.Ct);

        Assert.Equal(ErrorCodes.RevokeNotAllowed, kernelSign.Error);
        Assert.Equal(ErrorCodes.NoUniqueAlias, nothingToRevoke.Error);
        Assert.Empty(heard);
    }

    // MOSIP counts a key as current at exactly its generation instant, even with its expiry moved before it; the frozen
    // clock would stand on that instant, so revocations here happen a minute after the key was made.
    private static void AfterGeneration(KeyServices services) => services.Time.Advance(TimeSpan.FromMinutes(1));

    private static async Task<byte[]> DecryptAsync(KeyServices services, byte[] thumbprint, byte[] encrypted)
    {
        var alias = KeyServices.Ok(await services.SessionKeys.FindAsync(KeyServices.App, "REVOKE", thumbprint, KeyServices.Ct));
        return KeyServices.Ok(await services.SessionKeys.UnwrapAsync(alias, encrypted, allowVaultKeys: false, KeyServices.Ct));
    }

    private sealed class Listener(Action<string> revoked) : IKeyRevocationListener
    {
        public void KeyRevoked(string aliasId) => revoked(aliasId);
    }
}
