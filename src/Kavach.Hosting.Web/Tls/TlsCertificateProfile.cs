using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;

namespace Kavach.Hosting.Web.Tls;

/// <summary>
/// The TLS server certificate profile: not a CA; keyUsage digitalSignature only (the key signs handshakes and never
/// deciphers: TLS 1.2 RSA key exchange is off and the key is no encryption key); extendedKeyUsage serverAuth;
/// subjectAltName from configuration; issued by the KERNEL master key inside the vault.
/// </summary>
public static class TlsCertificateProfile
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>The subject: CN = first DNS name, OU = Kavach TLS, O and C from the key manager's subject defaults.</summary>
    public static X500DistinguishedName Subject(IReadOnlyList<string> subjectAlternativeNames, SubjectDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(subjectAlternativeNames);
        ArgumentNullException.ThrowIfNull(defaults);
        var name = new X500DistinguishedNameBuilder();
        name.AddCountryOrRegion(defaults.Country);
        name.AddOrganizationName(defaults.Organization);
        name.AddOrganizationalUnitName("Kavach TLS");
        name.AddCommonName(subjectAlternativeNames.FirstOrDefault(n => !IPAddress.TryParse(n, out _)) ?? "kavach");
        return name.Build();
    }

    /// <summary>A certificate request for <paramref name="publicKey"/> with the profile's extensions.</summary>
    public static CertificateRequest Request(X500DistinguishedName subject, PublicKey publicKey, IReadOnlyList<string> subjectAlternativeNames, X509Certificate2 issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var request = new CertificateRequest(subject, publicKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(SubjectAlternativeNames(subjectAlternativeNames));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        return request;
    }

    /// <summary>The DNS names and IP addresses of a certificate's subjectAltName, normalised for comparison.</summary>
    public static IReadOnlySet<string> NamesOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var extension in certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>())
        {
            names.UnionWith(extension.EnumerateDnsNames());
            names.UnionWith(extension.EnumerateIPAddresses().Select(a => a.ToString()));
        }

        return names;
    }

    /// <summary>The configured names, normalised like <see cref="NamesOf"/>.</summary>
    public static IReadOnlySet<string> Normalise(IEnumerable<string> configured) =>
        configured.Select(n => n.Trim()).Where(n => n.Length > 0)
            .Select(n => IPAddress.TryParse(n.Trim('[', ']'), out var ip) ? ip.ToString() : n)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static X509Extension SubjectAlternativeNames(IEnumerable<string> names)
    {
        var builder = new SubjectAlternativeNameBuilder();
        foreach (var name in Normalise(names))
        {
            if (IPAddress.TryParse(name, out var address))
            {
                builder.AddIpAddress(address);
            }
            else
            {
                builder.AddDnsName(name);
            }
        }

        return builder.Build(critical: false);
    }
}
