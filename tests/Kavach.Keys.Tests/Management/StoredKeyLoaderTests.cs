using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;
using Kavach.Keys.Tests.Support;
using Kavach.Keys.Wrapping;
using Kavach.Testing.Keys;

namespace Kavach.Keys.Tests.Management;

/// <summary>Unwrapping database-held keys, and refusing every row that was edited or swapped.</summary>
public sealed class StoredKeyLoaderTests : IDisposable
{
    private readonly KeyServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_sound_row_gives_the_certificates_private_key()
    {
        await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("LOAD");

        using var loaded = KeyServices.Ok(await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct));

        using var certificateKey = key.Certificate.GetRSAPublicKey()!;
        Assert.Equal(certificateKey.ExportSubjectPublicKeyInfo(), loaded.Rsa!.ExportSubjectPublicKeyInfo());
        Assert.Null(loaded.Ed25519);
    }

    [Fact]
    public async Task An_ed25519_signing_key_loads_as_ed25519()
    {
        await _services.BootstrapAsync();
        var key = KeyServices.Ok(await _services.Ring.Generator.GenerateAsync(KeyServices.App, KeyIds.Ed25519Sign, SubjectRequest.Empty, force: false, KeyServices.Ct));

        using var loaded = KeyServices.Ok(await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct));

        Assert.NotNull(loaded.Ed25519);
        Assert.Equal(key.Certificate.PublicKey.ExportSubjectPublicKeyInfo(), loaded.Ed25519.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task A_missing_row_and_an_other_domain_certificate_give_no_key()
    {
        await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("LOAD");
        var missing = key.Alias with { Id = Guid.NewGuid().ToString() };
        _services.Store.EditStored(key.Alias.Id, stored => stored with { WrappedPrivateKey = StoredKey.NoPrivateKey });

        Assert.Equal(ErrorCodes.NoUniqueAlias, (await _services.Loader.LoadAsync(missing, KeyServices.Ct)).Error);
        Assert.Equal(ErrorCodes.DecryptionNotAllowed, (await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct)).Error);
    }

    [Fact]
    public async Task A_swapped_certificate_is_refused()
    {
        await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("LOAD");
        var other = await _services.BaseKeyAsync("OTHER");

        _services.Store.EditStored(key.Alias.Id, stored => stored with { CertificatePem = Pem.Certificate(other.Certificate) });

        Assert.Equal(ErrorCodes.StoredKeyIntegrity, (await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct)).Error);
    }

    [Fact]
    public async Task A_key_wrapped_by_anything_but_a_master_of_its_application_is_refused()
    {
        await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("LOAD");
        var kernel = KeyServices.Ok(await _services.Ring.GetCurrentAsync(KeyIds.Kernel, string.Empty, KeyServices.Ct));
        var sibling = await _services.BaseKeyAsync("OTHER");

        _services.Store.EditStored(key.Alias.Id, stored => stored with { MasterKeyAlias = kernel.Alias.Id });
        var otherApplication = await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct);
        _services.Store.EditStored(key.Alias.Id, stored => stored with { MasterKeyAlias = sibling.Alias.Id });
        var notAMaster = await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct);

        Assert.Equal(ErrorCodes.StoredKeyIntegrity, otherApplication.Error);
        Assert.Equal(ErrorCodes.StoredKeyIntegrity, notAMaster.Error);
    }

    [Fact]
    public async Task A_wrapped_key_that_does_not_unwrap_or_is_not_the_certificates_key_is_refused()
    {
        var master = await _services.BootstrapAsync();
        var key = await _services.BaseKeyAsync("LOAD");
        var original = (await _services.Store.GetStoredKeyAsync(key.Alias.Id, KeyServices.Ct))!;

        _services.Store.EditStored(key.Alias.Id, stored => stored with { WrappedPrivateKey = Base64Url.Encode(RandomNumberGenerator.GetBytes(300)) });
        var garbage = await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct);

        using var stranger = PregeneratedKeys.RsaKey(PregeneratedKeys.Distinct - 2);
        using var masterPublic = master.Certificate.GetRSAPublicKey()!;
        _services.Store.EditStored(key.Alias.Id, _ => original with { WrappedPrivateKey = BaseKeyWrapper.Wrap(stranger.ExportPkcs8PrivateKey(), masterPublic) });
        var mismatch = await _services.Loader.LoadAsync(key.Alias, KeyServices.Ct);

        Assert.Equal(ErrorCodes.StoredKeyIntegrity, garbage.Error);
        Assert.Equal(ErrorCodes.StoredKeyIntegrity, mismatch.Error);
    }
}
