using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// A partner PKI made in memory (not with the openssl command, whose subject syntax cannot carry the organisation
/// <c>&lt;img src=x onerror=alert(1)&gt;</c>): a root, an issuing CA, and per partner a signing and an encryption
/// certificate whose O is the partner's organisation name exactly, as onboarding requires.
/// </summary>
internal sealed class PartnerCertificates : IDisposable
{
    private readonly RSA _rootKey = RSA.Create(2048);
    private readonly RSA _issuingKey = RSA.Create(2048);
    private readonly X509Certificate2 _root;
    private readonly X509Certificate2 _issuing;
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public PartnerCertificates()
    {
        _root = Authority(Name("Console Test Partner Root", "Partner Trust"), _rootKey, null);
        _issuing = Authority(Name("Console Test Partner Issuing CA", "Partner Trust"), _issuingKey, _root);
    }

    /// <summary>The CA bundle onboarding takes (root, then issuing CA), PEM.</summary>
    public string CaBundlePem => _root.ExportCertificatePem() + "\n" + _issuing.ExportCertificatePem();

    /// <summary>An onboarding request for <paramref name="partnerId"/> of <paramref name="organization"/> in domain AUTH for IDA.</summary>
    public object OnboardRequest(string partnerId, string organization)
    {
        using var tlsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new
        {
            partnerId,
            organizationName = organization,
            caCertificate = CaBundlePem,
            signingCertificate = Leaf(partnerId + "-sign", organization),
            encryptionCertificate = Leaf(partnerId + "-enc", organization),
            tlsCsr = new CertificateRequest("CN=" + partnerId, tlsKey, HashAlgorithmName.SHA256).CreateSigningRequestPem(),
            applicationId = "IDA",
        };
    }

    public void Dispose()
    {
        _root.Dispose();
        _issuing.Dispose();
        _rootKey.Dispose();
        _issuingKey.Dispose();
    }

    private static X500DistinguishedName Name(string commonName, string organization)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCountryOrRegion("IN");
        builder.AddOrganizationName(organization);
        builder.AddCommonName(commonName);
        return builder.Build();
    }

    private X509Certificate2 Authority(X500DistinguishedName subject, RSA key, X509Certificate2? issuer)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, issuer is not null, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        if (issuer is null)
        {
            return request.CreateSelfSigned(_now.AddDays(-2), _now.AddYears(10));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        using var issued = request.Create(issuer, _now.AddDays(-2), _now.AddYears(8), Serial());
        return issued.CopyWithPrivateKey(key);
    }

    private string Leaf(string commonName, string organization)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(Name(commonName, organization), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_issuing, true, false));
        using var issued = request.Create(_issuing, _now.AddDays(-1), _now.AddYears(2), Serial());
        return issued.ExportCertificatePem();
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }
}
