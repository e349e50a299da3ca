using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Tests.Support;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Tests.Signatures;

/// <summary>Which keys sign: data-signing keys made on first use, never an issuing key, cached software keys.</summary>
public sealed class SigningKeyProviderTests : IDisposable
{
    private readonly KeyServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_module_key_signs_with_its_applications_data_signing_key_made_on_first_use()
    {
        var master = await _services.BootstrapAsync();

        var key = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));
        var again = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, KeyIds.Sign, KeyServices.Ct));

        Assert.Equal(KeyIds.Sign, key.Key.Alias.RefId);
        Assert.Equal(key.Key.Alias.Id, again.Key.Alias.Id);
        Assert.False(KeyUsageRules.CanIssue(key.Certificate));
        Assert.True(CertificateSignature.IsSignedBy(key.Certificate, master.Certificate));
        Assert.NotNull(key.KeyId);
    }

    [Fact]
    public async Task A_signature_is_made_in_the_vault_and_verifies_with_the_certificate()
    {
        await _services.BootstrapAsync();
        var key = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));
        byte[] input = [1, 2, 3, 4];

        using var signer = KeyServices.Ok(await _services.SigningKeys.PrepareAsync(key, JwsAlgorithm.PS256, KeyServices.Ct));
        var signature = signer.Sign(input);

        using var publicKey = key.Certificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.Equal(1, _services.Vault.SignaturesWith(key.Key.Alias.Id));
        Assert.Equal(ErrorCodes.SignError, (await _services.SigningKeys.PrepareAsync(key, JwsAlgorithm.ES256, KeyServices.Ct)).Error);
    }

    [Theory]
    [InlineData(KeyIds.Root, "")]
    [InlineData(KeyServices.App, "BASE_REF")]
    public async Task Issuing_and_encryption_keys_never_sign(string appId, string refId)
    {
        await _services.BootstrapAsync();
        await _services.BaseKeyAsync("BASE_REF");

        var result = await _services.SigningKeys.GetAsync(appId, refId, KeyServices.Ct);

        Assert.Equal(ErrorCodes.NotValidSignatureKey, result.Error);
    }

    [Fact]
    public async Task A_never_generated_ec_key_is_not_made_here()
    {
        await _services.BootstrapAsync();

        var result = await _services.SigningKeys.GetAsync(KeyServices.App, KeyIds.EcSecp256r1Sign, KeyServices.Ct);

        Assert.Equal(ErrorCodes.KeyGenerationNotDone, result.Error);
    }

    [Fact]
    public async Task A_new_module_key_replaces_the_data_signing_key_it_did_not_issue()
    {
        await _services.BootstrapAsync();
        var first = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));
        _services.Time.Advance(TimeSpan.FromMinutes(1));

        var module = KeyServices.Ok(await _services.Ring.Generator.GenerateAsync(KeyServices.App, string.Empty, SubjectRequest.Empty, force: true, KeyServices.Ct));
        var next = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, string.Empty, KeyServices.Ct));

        Assert.NotEqual(first.Key.Alias.Id, next.Key.Alias.Id);
        Assert.True(CertificateSignature.IsSignedBy(next.Certificate, module.Certificate));
    }

    [Fact]
    public async Task An_ed25519_key_is_unwrapped_once_and_signs_from_the_cache()
    {
        var master = await _services.BootstrapAsync();
        KeyServices.Ok(await _services.Ring.Generator.GenerateAsync(KeyServices.App, KeyIds.Ed25519Sign, SubjectRequest.Empty, force: false, KeyServices.Ct));
        var key = KeyServices.Ok(await _services.SigningKeys.GetAsync(KeyServices.App, KeyIds.Ed25519Sign, KeyServices.Ct));
        byte[] input = [9, 8, 7];

        byte[] first, second;
        using (var signer = KeyServices.Ok(await _services.SigningKeys.PrepareAsync(key, JwsAlgorithm.EdDSA, KeyServices.Ct)))
        {
            first = signer.Sign(input);
        }

        using (var signer = KeyServices.Ok(await _services.SigningKeys.PrepareAsync(key, JwsAlgorithm.EdDSA, KeyServices.Ct)))
        {
            second = signer.Sign(input);
        }

        Assert.Equal(64, first.Length);
        Assert.Equal(first, second); // PureEdDSA is deterministic: the same key signed both
        Assert.Equal(1, _services.Vault.DecryptionsWith(master.Alias.Id));
        Assert.Equal(1, _services.PrivateKeys.Count);
    }
}
