using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Keys.Tests.Certificates;

/// <summary>The profiles decide which keys issue: only ROOT and module keys; every data-signing key is CA:FALSE, digitalSignature only.</summary>
public sealed class CertificateProfileTests
{
    private static readonly DateTime Start = new(2030, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void The_signing_profile_is_not_a_CA_and_allows_digitalSignature_only()
    {
        foreach (var key in new AsymmetricAlgorithm[] { RSA.Create(2048), ECDsa.Create(ECCurve.NamedCurves.nistP256) })
        {
            using (key)
            {
                using var certificate = Issue(CertificateProfile.Signing, key);

                var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
                Assert.False(basic.CertificateAuthority);
                Assert.True(basic.Critical);
                Assert.Equal(X509KeyUsageFlags.DigitalSignature, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
                Assert.False(KeyUsageRules.CanIssue(certificate));
            }
        }
    }

    [Theory]
    [InlineData(CertificateProfile.Root, 2)]
    [InlineData(CertificateProfile.Master, 1)]
    public void Root_and_module_profiles_issue(CertificateProfile profile, int pathLength)
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Issue(profile, rsa);

        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.CertificateAuthority);
        Assert.Equal(pathLength, basic.PathLengthConstraint);
        Assert.True(KeyUsageRules.CanIssue(certificate));
    }

    [Fact]
    public void The_encryption_profile_neither_issues_nor_signs()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = Issue(CertificateProfile.Encryption, rsa);

        Assert.Equal(X509KeyUsageFlags.KeyEncipherment, certificate.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.False(KeyUsageRules.CanIssue(certificate));
    }

    [Theory]
    [InlineData(false, X509KeyUsageFlags.KeyCertSign, true)]
    [InlineData(false, X509KeyUsageFlags.CrlSign, true)]
    [InlineData(true, X509KeyUsageFlags.DigitalSignature, true)]
    [InlineData(false, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, false)]
    public void An_issuing_certificate_is_a_CA_or_has_keyCertSign_or_cRLSign(bool ca, X509KeyUsageFlags usage, bool issues)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=x", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        using var certificate = request.CreateSelfSigned(Start, Start.AddDays(1));

        Assert.Equal(issues, KeyUsageRules.CanIssue(certificate));
        Assert.Equal(issues, KeyUsageRules.CanIssue(certificate.RawData));
    }

    [Fact]
    public void A_non_CA_issuer_and_a_wrong_issuer_name_are_refused_for_issuance()
    {
        using var rsa = RSA.Create(2048);
        using var ca = Issue(CertificateProfile.Root, rsa);
        using var signer = Issue(CertificateProfile.Signing, rsa);
        var layout = CertificateFactory.Prepare(CertificateProfile.Encryption, new X500DistinguishedName("CN=child"), new PublicKey(rsa), ca, Start, Start.AddDays(1));

        KeyUsageRules.EnsureIssuer("ca", ca, layout);
        Assert.Throws<KeyUsageException>(() => KeyUsageRules.EnsureIssuer("signer", signer, layout));
        Assert.Throws<KeyUsageException>(() => KeyUsageRules.EnsureIssuer("ca", ca, layout with { IssuerName = new X500DistinguishedName("CN=other") }));
    }

    private static X509Certificate2 Issue(CertificateProfile profile, AsymmetricAlgorithm key)
    {
        var generator = key is RSA rsa
            ? X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1)
            : X509SignatureGenerator.CreateForECDsa((ECDsa)key);
        return CertificateFactory.Issue(profile, new X500DistinguishedName("CN=key"), generator.PublicKey, null, generator, Start, Start.AddDays(30));
    }
}
