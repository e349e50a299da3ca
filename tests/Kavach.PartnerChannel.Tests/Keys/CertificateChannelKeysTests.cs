using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Tests.Support;
using Kavach.Testing;

namespace Kavach.PartnerChannel.Tests.Keys;

public sealed class CertificateChannelKeysTests
{
    private static readonly byte[] Data = "data"u8.ToArray();

    private static void AssertSigns(CertificateChannelKeys keys, X509Certificate2 expectedSigning)
    {
        byte[] signature = keys.SignAsync(Data, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using RSA publicKey = expectedSigning.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public async Task Signs_RS256_with_one_private_key_operation_and_hands_out_its_certificates()
    {
        CertificateChannelKeys keys = TestPki.Instance.PartnerA.Keys;
        byte[] signature = await keys.SignAsync(Data, CancellationToken.None);

        using RSA publicKey = keys.SigningCertificate.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(Data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Same(keys.SigningCertificate, await ((IChannelSigner)keys).GetCertificateAsync(CancellationToken.None));
        Assert.Same(keys.EncryptionCertificate, await ((IChannelDecryptor)keys).GetCertificateAsync(CancellationToken.None));
    }

    [Fact]
    public void Certificates_without_a_private_key_are_refused()
    {
        X509Certificate2 publicOnly = ChannelClients.PublicOnly(TestPki.Instance.PartnerA.Keys.SigningCertificate);

        Assert.Throws<ArgumentException>(() => new CertificateChannelKeys(publicOnly, TestPki.Instance.PartnerA.Keys.EncryptionCertificate));
    }

    [Fact]
    public async Task Jwe_that_is_garbage_gives_null_not_an_exception()
    {
        Assert.Null(await TestPki.Instance.ServerKeys.DecryptJweAsync("garbage", CancellationToken.None));
        Assert.Null(await TestPki.Instance.ServerKeys.DecryptJweAsync("a.b.c.d.e", CancellationToken.None));
    }

    [Fact]
    public void Loads_PKCS12_PEM_with_key_inside_separate_key_file_and_encrypted_key()
    {
        using var directory = new TempDirectory();
        X509Certificate2 certificate = TestPki.Instance.PartnerA.Keys.SigningCertificate;
        using RSA key = certificate.GetRSAPrivateKey()!;
        string p12 = Path.Combine(directory.Path, "sign.p12");
        File.WriteAllBytes(p12, certificate.Export(X509ContentType.Pkcs12, "pw"));
        string combined = Path.Combine(directory.Path, "sign.pem");
        File.WriteAllText(combined, certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());
        string certOnly = Path.Combine(directory.Path, "cert.pem");
        File.WriteAllText(certOnly, certificate.ExportCertificatePem());
        string keyOnly = Path.Combine(directory.Path, "key.pem");
        File.WriteAllText(keyOnly, key.ExportRSAPrivateKeyPem());
        string encrypted = Path.Combine(directory.Path, "enc.pem");
        File.WriteAllText(encrypted, certificate.ExportCertificatePem() + "\n" +
            key.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 10_000)));

        foreach (X509Certificate2 loaded in new[]
                 {
                     ChannelKeyFiles.LoadCertificateWithKey(p12, "pw"),
                     ChannelKeyFiles.LoadCertificateWithKey(combined),
                     ChannelKeyFiles.LoadCertificateWithKey(certOnly, keyPath: keyOnly),
                     ChannelKeyFiles.LoadCertificateWithKey(encrypted, "pw"),
                 })
        {
            Assert.True(loaded.HasPrivateKey);
            Assert.Equal(certificate.RawData, loaded.RawData);
            using var keys = new CertificateChannelKeys(loaded, loaded);
            AssertSigns(keys, certificate);
        }

        Assert.ThrowsAny<CryptographicException>(() => ChannelKeyFiles.LoadCertificateWithKey(certOnly));
        Assert.Single(ChannelKeyFiles.LoadPemBundle(certOnly));
    }
}
