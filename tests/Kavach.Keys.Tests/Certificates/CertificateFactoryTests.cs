using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;

namespace Kavach.Keys.Tests.Certificates;

public sealed class CertificateFactoryTests
{
    private static readonly DateTime Start = new(2030, 3, 1, 12, 0, 0, 500, DateTimeKind.Utc);

    [Fact]
    public void Serials_are_positive_and_random()
    {
        var serials = Enumerable.Range(0, 200).Select(_ => CertificateFactory.NewSerialNumber()).ToList();
        Assert.All(serials, s => Assert.True(new BigInteger(s, isUnsigned: false, isBigEndian: true) > 0));
        Assert.Equal(200, serials.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Child_validity_is_clipped_to_the_issuer_and_truncated_to_seconds()
    {
        using var rootKey = RSA.Create(2048);
        var rootName = new X500DistinguishedName("CN=Root");
        var root = CertificateFactory.Issue(CertificateProfile.Root, rootName, new PublicKey(rootKey), null,
            X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1), Start, Start.AddDays(10));

        using var childKey = RSA.Create(2048);
        var child = CertificateFactory.Issue(CertificateProfile.Master, new X500DistinguishedName("CN=Child"), new PublicKey(childKey), root,
            X509SignatureGenerator.CreateForRSA(rootKey, RSASignaturePadding.Pkcs1), Start, Start.AddDays(400));

        Assert.Equal(root.NotAfter, child.NotAfter);
        Assert.Equal(0, child.NotBefore.Millisecond);
        Assert.True(CertificateSignature.IsSignedBy(child, root));
        Assert.False(CertificateSignature.IsSignedBy(root, child));
        Assert.Equal(1, child.Extensions.OfType<X509BasicConstraintsExtension>().Single().PathLengthConstraint);
        Assert.NotNull(child.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().SingleOrDefault());
    }

    [Fact]
    public void Subject_defaults_and_request_values_are_ordered_C_ST_L_O_OU_CN()
    {
        var name = SubjectNames.ForVaultKey("REGISTRATION", "", new SubjectRequest(Organization: "Acme, Inc"), new SubjectDefaults());
        // The encoding (what openssl and Java read) starts with C; .NET enumerates in display order, CN first.
        var types = name.EnumerateRelativeDistinguishedNames(reversed: false).Select(r => r.GetSingleElementType().Value).ToList();
        Assert.Equal(["2.5.4.6", "2.5.4.8", "2.5.4.7", "2.5.4.10", "2.5.4.11", "2.5.4.3"], types);
        Assert.Contains("www.mosip.io (REGISTRATION)", name.Name, StringComparison.Ordinal);
        Assert.Equal("Acme, Inc", name.EnumerateRelativeDistinguishedNames(reversed: false).ElementAt(3).GetSingleElementValue());

        var signName = SubjectNames.ForVaultKey("KERNEL", "SIGN", SubjectRequest.Empty, new SubjectDefaults());
        Assert.Contains("(KERNEL-SIGN)", signName.Name, StringComparison.Ordinal);
    }
}
