using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto.Jose;
using static Kavach.Crypto.Tests.Jose.JwsTokens;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Verification keys and signers: which keys and algorithms they accept.</summary>
public sealed class JwsKeyTests
{
    [Fact]
    public void Signers_refuse_algorithms_their_key_cannot_make()
    {
        using ECDsa p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => JwsSigners.ForECDsa(p256, JwsAlgorithm.ES256K));
        Assert.Throws<ArgumentException>(() => JwsSigners.ForECDsa(p256, JwsAlgorithm.RS256));
        Assert.Throws<ArgumentException>(() => JwsSigners.ForECDsa(p384, JwsAlgorithm.ES256));
        Assert.Throws<ArgumentException>(() => JwsSigners.ForRsa(JoseTestKeys.RsaKey, JwsAlgorithm.ES256));
    }

    [Fact]
    public void Verification_keys_refuse_short_rsa_other_curves_and_malformed_input()
    {
        using RSA rsa1024 = RSA.Create(1024);
        using ECDsa p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        byte[] spki = JoseTestKeys.For(JwsAlgorithm.ES256).SubjectPublicKeyInfo;

        Assert.Throws<ArgumentException>(() => JwsVerificationKey.FromRsa(rsa1024));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo(rsa1024.ExportSubjectPublicKeyInfo()));
        Assert.Throws<ArgumentException>(() => JwsVerificationKey.FromECDsa(p384));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo(p384.ExportSubjectPublicKeyInfo()));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo([]));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo([0x30, 0x00]));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo([.. spki, 0x00]));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo(spki.AsSpan(0, spki.Length - 1)));
        Assert.Null(JwsVerificationKey.FromSubjectPublicKeyInfo(Bytes(Enumerable.Range(0, 91).Select(i => (byte)i))));

        using X509Certificate2 rsaCertificate = CertificateFor(rsa1024);
        Assert.Null(JwsVerificationKey.FromCertificate(rsaCertificate));
        Assert.True(JwsCompact.TryParse(SignWith(JwsAlgorithm.RS256), out JwsParts? jws));
        Assert.False(JwsCompact.Verify(jws, rsaCertificate));
    }

    [Fact]
    public void A_key_copied_from_an_rsa_or_ec_object_verifies_like_one_from_its_spki()
    {
        foreach (JwsAlgorithm algorithm in new[] { JwsAlgorithm.RS256, JwsAlgorithm.PS256 })
        {
            using JwsVerificationKey fromObject = JwsVerificationKey.FromRsa(JoseTestKeys.RsaKey);
            Assert.True(JwsCompact.Verify(Parse(SignWith(algorithm)), fromObject));
        }

        using ECDsa p256 = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using ECDsa k1 = ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
        using JwsVerificationKey p256Key = JwsVerificationKey.FromECDsa(p256);
        using JwsVerificationKey k1Key = JwsVerificationKey.FromECDsa(k1);
        Assert.True(JwsCompact.Verify(Parse(JwsCompact.Sign(new JoseHeader().Add("alg", "ES256"), Payload, true, true, JwsSigners.ForECDsa(p256, JwsAlgorithm.ES256))), p256Key));
        Assert.True(JwsCompact.Verify(Parse(JwsCompact.Sign(new JoseHeader().Add("alg", "ES256K"), Payload, true, true, JwsSigners.ForECDsa(k1, JwsAlgorithm.ES256K))), k1Key));
    }

    private static X509Certificate2 CertificateFor(RSA key)
    {
        var request = new CertificateRequest("CN=short", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    private static byte[] Bytes(IEnumerable<byte> bytes) => [.. bytes];
}
