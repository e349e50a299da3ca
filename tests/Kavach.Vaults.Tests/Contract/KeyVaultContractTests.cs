using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Vaults.Tests.Support;
using Kavach.Keys.Vault;

namespace Kavach.Vaults.Tests.Contract;

/// <summary>
/// What every <see cref="IKeyVault"/> must do, whatever keeps the keys. A subclass supplies <see cref="CreateVault"/>
/// and inherits every test.
/// </summary>
public abstract partial class KeyVaultContractTests : IDisposable
{
    private readonly List<IKeyVault> _vaults = [];

    public static TheoryData<VaultKeyType> KeyTypes => [VaultKeyType.Rsa2048, VaultKeyType.EcP256, VaultKeyType.EcSecp256k1];

    public static TheoryData<VaultKeyType> EcKeyTypes => [VaultKeyType.EcP256, VaultKeyType.EcSecp256k1];

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>Creates a fresh, empty vault for one test; it is disposed (if disposable) after the test.</summary>
    protected abstract IKeyVault CreateVault();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var vault in _vaults)
        {
            (vault as IDisposable)?.Dispose();
        }
    }

    protected IKeyVault NewVault()
    {
        var vault = CreateVault();
        _vaults.Add(vault);
        return vault;
    }

    protected static string NewAlias() => Guid.NewGuid().ToString();

    [Fact]
    public async Task A_new_vault_is_ready()
    {
        var status = await NewVault().GetStatusAsync(None);

        Assert.True(status.IsReady, status.Description);
        Assert.False(string.IsNullOrWhiteSpace(status.Description));
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Creates_a_key_pair_with_a_certificate_signed_by_the_new_key(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();

        using var certificate = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSigned(alias), None);

        Assert.Equal($"CN={alias}", certificate.Subject);
        Assert.False(certificate.HasPrivateKey);
        Assert.True(TestIssuers.IsValidSelfSigned(certificate, out var status), status);
        Assert.Equal(type == VaultKeyType.Rsa2048 ? "1.2.840.113549.1.1.11" : "1.2.840.10045.4.3.2", certificate.SignatureAlgorithm.Value);
        Assert.True(await vault.ContainsAsync(alias, None));
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task The_stored_certificate_round_trips(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var created = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSigned(alias), None);

        using var stored = await vault.GetCertificateAsync(alias, None);

        Assert.NotNull(stored);
        Assert.Equal(created.RawData, stored.RawData);
    }

    [Fact]
    public async Task The_curves_are_the_requested_ones()
    {
        var vault = NewVault();
        string p256 = NewAlias(), k256 = NewAlias();
        using var p256Certificate = await vault.CreateKeyPairAsync(p256, VaultKeyType.EcP256, TestIssuers.SelfSigned(p256), None);
        using var k256Certificate = await vault.CreateKeyPairAsync(k256, VaultKeyType.EcSecp256k1, TestIssuers.SelfSigned(k256), None);
        using var rsaAlias = await vault.CreateKeyPairAsync(NewAlias(), VaultKeyType.Rsa2048, TestIssuers.SelfSigned("rsa"), None);

        using var p256Key = p256Certificate.GetECDsaPublicKey()!;
        using var k256Key = k256Certificate.GetECDsaPublicKey()!;
        using var rsaKey = rsaAlias.GetRSAPublicKey()!;

        Assert.Equal("1.2.840.10045.3.1.7", p256Key.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal("1.3.132.0.10", k256Key.ExportParameters(false).Curve.Oid.Value);
        Assert.Equal(2048, rsaKey.KeySize);
    }

    [Fact]
    public async Task A_missing_alias_has_no_certificate_and_is_not_contained()
    {
        var vault = NewVault();

        Assert.Null(await vault.GetCertificateAsync(NewAlias(), None));
        Assert.False(await vault.ContainsAsync(NewAlias(), None));
    }

    [Theory]
    [InlineData(VaultSignatureAlgorithm.RsaPkcs1Sha256)]
    [InlineData(VaultSignatureAlgorithm.RsaPssSha256)]
    public async Task Rsa_signatures_verify_with_the_certificate(VaultSignatureAlgorithm algorithm)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var data = RandomNumberGenerator.GetBytes(1000);

        var signature = vault.SignData(alias, data, algorithm);

        var padding = algorithm == VaultSignatureAlgorithm.RsaPssSha256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        Assert.Equal(256, signature.Length);
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, padding));
        Assert.False(publicKey.VerifyData((byte[])[.. data, 0], signature, HashAlgorithmName.SHA256, padding));
    }

    [Fact]
    public async Task Pss_signatures_are_randomised_and_pkcs1_signatures_are_not()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        byte[] data = [1, 2, 3];

        Assert.NotEqual(vault.SignData(alias, data, VaultSignatureAlgorithm.RsaPssSha256), vault.SignData(alias, data, VaultSignatureAlgorithm.RsaPssSha256));
        Assert.Equal(vault.SignData(alias, data, VaultSignatureAlgorithm.RsaPkcs1Sha256), vault.SignData(alias, data, VaultSignatureAlgorithm.RsaPkcs1Sha256));
    }

    [Theory]
    [MemberData(nameof(EcKeyTypes))]
    public async Task Ecdsa_signatures_are_ieee_p1363_and_verify_with_the_certificate(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetECDsaPublicKey()!;
        var data = RandomNumberGenerator.GetBytes(1000);

        var signature = vault.SignData(alias, data, VaultSignatureAlgorithm.EcdsaSha256);

        Assert.Equal(64, signature.Length);
        Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.True(publicKey.VerifyData(data, EcdsaSignatureFormat.ToDer(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Theory]
    [MemberData(nameof(EcKeyTypes))]
    public async Task Rsa_algorithms_are_refused_for_ec_keys(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSigned(alias), None);

        Assert.ThrowsAny<ArgumentException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
        Assert.ThrowsAny<ArgumentException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPssSha256));
        Assert.ThrowsAny<ArgumentException>(() => vault.DecryptOaepSha256(alias, new byte[256]));
    }

    [Fact]
    public async Task Ecdsa_is_refused_for_rsa_keys()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);

        Assert.ThrowsAny<ArgumentException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.EcdsaSha256));
    }

    [Fact]
    public async Task Decrypts_oaep_sha256_ciphertext_made_with_the_certificate()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var sessionKey = RandomNumberGenerator.GetBytes(32);

        var plaintext = vault.DecryptOaepSha256(alias, publicKey.Encrypt(sessionKey, RSAEncryptionPadding.OaepSHA256));

        Assert.Equal(sessionKey, plaintext);
    }

    [Fact]
    public async Task Ciphertext_that_does_not_decrypt_throws_a_cryptographic_exception()
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var publicKey = certificate.GetRSAPublicKey()!;
        var tampered = publicKey.Encrypt(new byte[32], RSAEncryptionPadding.OaepSHA256);
        tampered[100] ^= 0x01;
        var sha1Oaep = publicKey.Encrypt(new byte[32], RSAEncryptionPadding.OaepSHA1);

        Assert.ThrowsAny<CryptographicException>(() => vault.DecryptOaepSha256(alias, tampered));
        Assert.ThrowsAny<CryptographicException>(() => vault.DecryptOaepSha256(alias, sha1Oaep));
        Assert.ThrowsAny<CryptographicException>(() => vault.DecryptOaepSha256(alias, new byte[255]));
        Assert.ThrowsAny<CryptographicException>(() => vault.DecryptOaepSha256(alias, Enumerable.Repeat((byte)0xFF, 256).ToArray()));
    }

    [Fact]
    public async Task An_unknown_alias_is_reported_as_not_found()
    {
        var vault = NewVault();
        var alias = NewAlias();

        var signing = Assert.Throws<VaultKeyNotFoundException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
        Assert.Throws<VaultKeyNotFoundException>(() => vault.DecryptOaepSha256(alias, new byte[256]));
        await Assert.ThrowsAsync<VaultKeyNotFoundException>(() => vault.ReplaceCertificateAsync(alias, TestIssuers.ForeignCertificate("x"), None));
        Assert.Equal(alias, signing.Alias);
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task An_issuer_that_throws_leaves_nothing_behind(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();
        var failure = new InvalidOperationException("CA unavailable");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => vault.CreateKeyPairAsync(alias, type, TestIssuers.Throwing(failure), None));

        Assert.Same(failure, thrown);
        Assert.False(await vault.ContainsAsync(alias, None));
        Assert.Null(await vault.GetCertificateAsync(alias, None));
        using var retried = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSigned(alias), None);
        Assert.True(await vault.ContainsAsync(alias, None));
    }

    [Fact]
    public async Task An_alias_cannot_be_created_twice()
    {
        var vault = NewVault();
        string pairAlias = NewAlias(), secretAlias = NewAlias();
        using var original = await vault.CreateKeyPairAsync(pairAlias, VaultKeyType.EcP256, TestIssuers.SelfSigned(pairAlias), None);
        await vault.CreateSecretKeyAsync(secretAlias, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => vault.CreateKeyPairAsync(pairAlias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(pairAlias), None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => vault.CreateSecretKeyAsync(pairAlias, None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => vault.CreateKeyPairAsync(secretAlias, VaultKeyType.EcP256, TestIssuers.SelfSigned(secretAlias), None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => vault.CreateSecretKeyAsync(secretAlias, None));

        using var stored = await vault.GetCertificateAsync(pairAlias, None);
        Assert.Equal(original.RawData, stored!.RawData);
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task A_certificate_for_the_same_key_replaces_the_stored_one(VaultKeyType type)
    {
        var vault = NewVault();
        var alias = NewAlias();
        using var original = await vault.CreateKeyPairAsync(alias, type, TestIssuers.SelfSigned("first"), None);
        using var reissued = TestIssuers.SignedElsewhere("second", original.PublicKey);

        await vault.ReplaceCertificateAsync(alias, reissued, None);

        using var stored = await vault.GetCertificateAsync(alias, None);
        Assert.Equal(reissued.RawData, stored!.RawData);
        Assert.Equal("CN=second", stored.Subject);
    }

    [Fact]
    public async Task A_certificate_for_another_key_is_refused()
    {
        var vault = NewVault();
        string alias = NewAlias(), other = NewAlias();
        using var original = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var otherCertificate = await vault.CreateKeyPairAsync(other, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(other), None);
        using var ecCertificate = await vault.CreateKeyPairAsync(NewAlias(), VaultKeyType.EcP256, TestIssuers.SelfSigned("ec"), None);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.ReplaceCertificateAsync(alias, otherCertificate, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.ReplaceCertificateAsync(alias, ecCertificate, None));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => vault.ReplaceCertificateAsync(alias, TestIssuers.ForeignCertificate("foreign"), None));

        using var stored = await vault.GetCertificateAsync(alias, None);
        Assert.Equal(original.RawData, stored!.RawData);
    }

    [Fact]
    public async Task Secret_keys_are_created_found_and_deleted()
    {
        var vault = NewVault();
        var alias = NewAlias();

        await vault.CreateSecretKeyAsync(alias, None);

        Assert.True(await vault.ContainsAsync(alias, None));
        Assert.Null(await vault.GetCertificateAsync(alias, None));
        await vault.DeleteAsync(alias, None);
        Assert.False(await vault.ContainsAsync(alias, None));
    }

    [Fact]
    public async Task Secret_keys_wrap_and_unwrap_blocks_with_AES_ECB()
    {
        var vault = NewVault();
        string first = NewAlias(), second = NewAlias(), pair = NewAlias();
        await vault.CreateSecretKeyAsync(first, None);
        await vault.CreateSecretKeyAsync(second, None);
        var block = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        var wrapped = vault.EncryptAesEcb(first, block);
        Assert.Equal(32, wrapped.Length);
        Assert.NotEqual(block, wrapped);
        Assert.Equal(block, vault.DecryptAesEcb(first, wrapped));
        Assert.Equal(wrapped, vault.EncryptAesEcb(first, block));
        Assert.NotEqual(wrapped, vault.EncryptAesEcb(second, block));
        Assert.NotEqual(block, vault.DecryptAesEcb(second, wrapped));

        // ECB: each 16-byte block is encrypted on its own.
        Assert.Equal(wrapped.AsSpan(0, 16).ToArray(), vault.EncryptAesEcb(first, block.AsSpan(0, 16)));
        Assert.Throws<VaultKeyNotFoundException>(() => vault.EncryptAesEcb(NewAlias(), block));
        using var certificate = await vault.CreateKeyPairAsync(pair, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(pair), None);
        Assert.ThrowsAny<ArgumentException>(() => vault.EncryptAesEcb(pair, block));
    }

    [Fact]
    public async Task A_deleted_key_pair_is_gone()
    {
        var vault = NewVault();
        string alias = NewAlias(), kept = NewAlias();
        using var certificate = await vault.CreateKeyPairAsync(alias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(alias), None);
        using var keptCertificate = await vault.CreateKeyPairAsync(kept, VaultKeyType.EcP256, TestIssuers.SelfSigned(kept), None);
        vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256);

        await vault.DeleteAsync(alias, None);

        Assert.False(await vault.ContainsAsync(alias, None));
        Assert.Null(await vault.GetCertificateAsync(alias, None));
        Assert.Throws<VaultKeyNotFoundException>(() => vault.SignData(alias, [1], VaultSignatureAlgorithm.RsaPkcs1Sha256));
        Assert.Equal(64, vault.SignData(kept, [1], VaultSignatureAlgorithm.EcdsaSha256).Length);
    }

    [Fact]
    public async Task Deleting_an_absent_alias_is_not_an_error()
    {
        var vault = NewVault();

        await vault.DeleteAsync(NewAlias(), None);
    }

    [Fact]
    public async Task Concurrent_signing_and_decryption_are_all_correct()
    {
        var vault = NewVault();
        string rsaAlias = NewAlias(), ecAlias = NewAlias();
        using var rsaCertificate = await vault.CreateKeyPairAsync(rsaAlias, VaultKeyType.Rsa2048, TestIssuers.SelfSigned(rsaAlias), None);
        using var ecCertificate = await vault.CreateKeyPairAsync(ecAlias, VaultKeyType.EcP256, TestIssuers.SelfSigned(ecAlias), None);

        var workers = Enumerable.Range(0, 16).Select(worker => Task.Run(() =>
        {
            using var rsa = rsaCertificate.GetRSAPublicKey()!;
            using var ecdsa = ecCertificate.GetECDsaPublicKey()!;
            for (var i = 0; i < 20; i++)
            {
                var data = RandomNumberGenerator.GetBytes(64);
                Assert.True(rsa.VerifyData(data, vault.SignData(rsaAlias, data, VaultSignatureAlgorithm.RsaPkcs1Sha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
                Assert.True(rsa.VerifyData(data, vault.SignData(rsaAlias, data, VaultSignatureAlgorithm.RsaPssSha256), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
                Assert.True(ecdsa.VerifyData(data, vault.SignData(ecAlias, data, VaultSignatureAlgorithm.EcdsaSha256), HashAlgorithmName.SHA256));
                var secret = data.AsSpan(0, 32).ToArray();
                Assert.Equal(secret, vault.DecryptOaepSha256(rsaAlias, rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256)));
                Assert.ThrowsAny<CryptographicException>(() => vault.DecryptOaepSha256(rsaAlias, new byte[256]));
            }
        }));

        await Task.WhenAll(workers);
    }
}
