using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Trust.Channel;

/// <summary>The two certificate layouts of the partner TLS CA: its own (issued by ROOT) and a partner's TLS client certificate.</summary>
internal static class PartnerTlsProfile
{
    /// <summary>The common name of the partner TLS CA.</summary>
    public const string CaCommonName = "Kavach Partner TLS CA";

    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary><c>CN=Kavach Partner TLS CA, OU=Partner Channel, O=…, C=…</c> (O and C from the configured subject).</summary>
    public static X500DistinguishedName CaSubject(SubjectDefaults defaults)
    {
        // .NET encodes the last added RDN first: C, O, OU, CN in the encoding.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(CaCommonName);
        builder.AddOrganizationalUnitName("Partner Channel");
        builder.AddOrganizationName(defaults.Organization);
        builder.AddCountryOrRegion(defaults.Country);
        return builder.Build();
    }

    /// <summary>CA:TRUE with path length 0 (it issues end-entity certificates only), keyCertSign and cRLSign, nothing else.</summary>
    public static CertificateToIssue Ca(X500DistinguishedName subject, PublicKey key, X509Certificate2 root, DateTime notBefore, DateTime notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (start, end) = CertificateFactory.ClipValidity(notBefore, notAfter, root);
        return new CertificateToIssue(request, root.SubjectName, start, end, NewSerial());
    }

    /// <summary>
    /// A TLS client certificate: CN = partner id, O = organisation, CA:FALSE, digitalSignature, clientAuth, SAN URI
    /// <c>urn:kavach:partner:&lt;id&gt;</c>, a random 128-bit serial.
    /// </summary>
    public static CertificateToIssue Client(string partnerId, string organization, PublicKey key, X509Certificate2 ca, DateTime notBefore, DateTime notAfter)
    {
        var names = new X500DistinguishedNameBuilder();
        names.AddCommonName(partnerId);
        names.AddOrganizationName(organization);
        var request = new CertificateRequest(names.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuth)], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(ChannelPartnerIds.Uri(partnerId)));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (start, end) = CertificateFactory.ClipValidity(notBefore, notAfter, ca);
        return new CertificateToIssue(request, ca.SubjectName, start, end, NewSerial());
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01; // positive, and no leading zero byte for DER to strip
        return serial;
    }
}
