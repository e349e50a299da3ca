using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Gateway.Tests.Support;

/// <summary>Certificates the tests make outside Kavach: a partner's own CA and its signature and encryption certificates, CSRs, foreign TLS certificates.</summary>
internal static class PartnerPki
{
    public static X509Certificate2 Ca(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = Seconds(DateTimeOffset.UtcNow);
        using var ca = request.CreateSelfSigned(now.AddDays(-2), now.AddYears(3));
        return Reload(ca);
    }

    /// <summary>A leaf issued by <paramref name="ca"/>, with its private key; <paramref name="clientAuth"/> for TLS client certificates.</summary>
    public static X509Certificate2 Leaf(X509Certificate2 ca, string commonName, string organization, bool clientAuth = false, DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O={organization}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, true));
        if (clientAuth)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var now = Seconds(DateTimeOffset.UtcNow);
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;
        using var issued = request.Create(ca, now.AddDays(-1), notAfter ?? now.AddYears(2), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>A TLS CSR (PEM) and the key that made it.</summary>
    public static (string Csr, RSA Key) Csr(string partnerId)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={partnerId}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return (request.CreateSigningRequestPem(), key);
    }

    public static string Pem(X509Certificate2 certificate) => certificate.ExportCertificatePem() + "\n";

    // Through PKCS#12 so the private key is usable by SslStream.
    public static X509Certificate2 Reload(X509Certificate2 certificate) =>
        certificate.HasPrivateKey
            ? X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable)
            : X509CertificateLoader.LoadCertificate(certificate.RawData);

    private static DateTimeOffset Seconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
