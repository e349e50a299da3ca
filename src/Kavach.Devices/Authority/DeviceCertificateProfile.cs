using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Vault;

namespace Kavach.Devices.Authority;

/// <summary>The certificate layouts of device management (spec §4.1): the device CA, device certificates and the server's two message keys.</summary>
internal static class DeviceCertificateProfile
{
    /// <summary>The common name of the device issuing CA.</summary>
    public const string CaCommonName = "Kavach Device Issuing CA";

    /// <summary>The SAN URI prefix that carries a device's management id.</summary>
    public const string MgmtIdUriPrefix = "urn:mosip-dm:device:";

    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    /// <summary><c>CN=&lt;name&gt;, OU=Device Management, O=…, C=…</c> (O and C from the configured subject).</summary>
    public static X500DistinguishedName Subject(string commonName, SubjectDefaults defaults)
    {
        // .NET encodes the last added RDN first: C, O, OU, CN in the encoding.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationalUnitName("Device Management");
        builder.AddOrganizationName(defaults.Organization);
        builder.AddCountryOrRegion(defaults.Country);
        return builder.Build();
    }

    /// <summary>CA:TRUE with path length 0 (it issues device certificates only), keyCertSign and cRLSign, nothing else.</summary>
    public static CertificateToIssue Ca(X500DistinguishedName subject, PublicKey key, X509Certificate2 root, DateTime notBefore, DateTime notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return Issued(request, key, root, notBefore, notAfter);
    }

    /// <summary>An end-entity server key certificate issued by ROOT: CA:FALSE and only <paramref name="usage"/>, so the key never issues.</summary>
    public static CertificateToIssue ServerKey(X500DistinguishedName subject, PublicKey key, X509KeyUsageFlags usage, X509Certificate2 root, DateTime notBefore, DateTime notAfter)
    {
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        return Issued(request, key, root, notBefore, notAfter);
    }

    /// <summary>
    /// A device certificate: CN = serial, O = the provider's exact PMS organisation, SAN URI
    /// <c>urn:mosip-dm:device:&lt;mgmtId&gt;</c>, CA:FALSE, digitalSignature, clientAuth, SKI/AKI, the CRL distribution
    /// point when configured, a random 128-bit serial. Nothing of the device's CSR but its public key is used.
    /// </summary>
    public static CertificateToIssue Device(string serialNo, string organization, string mgmtId, PublicKey key, X509Certificate2 ca, Uri? crlUrl, DateTime notBefore, DateTime notAfter)
    {
        var names = new X500DistinguishedNameBuilder();
        names.AddCommonName(serialNo);
        names.AddOrganizationName(organization);
        var request = new CertificateRequest(names.Build(), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuth)], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri(MgmtIdUriPrefix + mgmtId));
        request.CertificateExtensions.Add(san.Build());
        if (crlUrl is not null)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl.AbsoluteUri]));
        }

        return Issued(request, key, ca, notBefore, notAfter);
    }

    private static CertificateToIssue Issued(CertificateRequest request, PublicKey key, X509Certificate2 issuer, DateTime notBefore, DateTime notAfter)
    {
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(key, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var (start, end) = CertificateFactory.ClipValidity(notBefore, notAfter, issuer);
        return new CertificateToIssue(request, issuer.SubjectName, start, end, NewSerial());
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        serial[0] |= 0x01; // positive, and no leading zero byte for DER to strip
        return serial;
    }
}
