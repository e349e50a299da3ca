using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Certificates;

/// <summary>PEM encoding and tolerant certificate parsing.</summary>
public static class Pem
{
    /// <summary>The certificate as a PEM block with MOSIP's line breaks (64 characters, "\n").</summary>
    public static string Certificate(X509Certificate2 certificate) => new(PemEncoding.Write("CERTIFICATE", certificate.RawData));

    /// <summary>A CSR (PKCS#10 DER) as a PEM block.</summary>
    public static string CertificateRequest(byte[] der) => new(PemEncoding.Write("CERTIFICATE REQUEST", der));

    /// <summary>A PKCS#7 (CMS) DER structure as a PEM block.</summary>
    public static string Pkcs7(byte[] der) => new(PemEncoding.Write("PKCS7", der));

    /// <summary>Parses one PEM certificate; false for anything else (never throws on bad input).</summary>
    public static bool TryParseCertificate(string? pem, out X509Certificate2 certificate)
    {
        certificate = null!;
        if (string.IsNullOrWhiteSpace(pem) || !pem.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            certificate = X509Certificate2.CreateFromPem(pem.Replace("\\n", "\n", StringComparison.Ordinal));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
