using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Server.Console;

/// <summary>The subject and serial number of a stored certificate, for listing (null when there is none or it does not parse).</summary>
internal static class CertificateFacts
{
    /// <summary>Subject (RFC 4514 form) and serial number (hex) of <paramref name="pem"/>.</summary>
    public static (string? Subject, string? Serial) Of(string? pem)
    {
        if (string.IsNullOrEmpty(pem))
        {
            return (null, null);
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return (certificate.Subject, certificate.SerialNumber);
        }
        catch (CryptographicException)
        {
            return (null, null);
        }
        catch (ArgumentException)
        {
            return (null, null);
        }
    }
}
