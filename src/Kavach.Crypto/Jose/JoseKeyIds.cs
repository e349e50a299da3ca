using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Crypto.Jose;

/// <summary>Certificate identifiers as MOSIP writes them in JOSE headers (spec §3.6, §3.8, §3.9).</summary>
public static class JoseKeyIds
{
    /// <summary><c>base64url(SHA-256(DER))</c>: the JWE <c>kid</c> and the <c>x5t#S256</c> member.</summary>
    public static string CertificateThumbprintS256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return CertificateThumbprintS256(certificate.RawDataMemory.Span);
    }

    /// <summary><c>base64url(SHA-256(DER))</c>: the JWE <c>kid</c> and the <c>x5t#S256</c> member.</summary>
    public static string CertificateThumbprintS256(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(certificateDer, hash);
        return Base64Url.Encode(hash);
    }

    /// <summary>An <c>x5c</c> entry: standard base64 with padding of the DER certificate (RFC 7515 §4.1.6).</summary>
    public static string X5c(ReadOnlySpan<byte> certificateDer) => Base64Url.EncodeStandard(certificateDer);

    /// <summary>An <c>x5c</c> entry: standard base64 with padding of the DER certificate (RFC 7515 §4.1.6).</summary>
    public static string X5c(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return X5c(certificate.RawDataMemory.Span);
    }

    /// <summary>
    /// Turns a JWE <c>kid</c> back into MOSIP's <c>cert_thumbprint</c> (64 uppercase hex characters) for the
    /// key lookup of spec §3.3. Like MOSIP's URL-safe decoder it accepts the kid with or without padding;
    /// false unless it decodes to exactly 32 bytes.
    /// </summary>
    public static bool TryThumbprintHexFromKid(string? kid, [NotNullWhen(true)] out string? thumbprintHex)
    {
        thumbprintHex = null;
        if (!Base64Url.TryDecodeUrlSafe(kid, out byte[] hash) || hash.Length != SHA256.HashSizeInBytes)
        {
            return false;
        }

        thumbprintHex = Convert.ToHexString(hash);
        return true;
    }
}
