using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Keys.Errors;

namespace Kavach.Trust.Channel;

/// <summary>
/// Reads a partner's TLS certificate signing request (PEM or base64 DER) and keeps only its public key, after checking
/// its self-signature (proof the partner holds the private key) and the key's strength. Nothing else of the request —
/// subject, extensions — reaches the certificate: our code lays that out.
/// </summary>
internal static class TlsSigningRequest
{
    private const int MaxRequestBytes = 16 * 1024;
    private const string P256 = "1.2.840.10045.3.1.7";
    private const string P384 = "1.3.132.0.34";

    /// <summary>The request's public key, or <see cref="ChannelErrors.InvalidCsr"/>.</summary>
    public static Result<PublicKey> Read(string? csr)
    {
        if (string.IsNullOrWhiteSpace(csr) || csr.Length > MaxRequestBytes * 2)
        {
            return ChannelErrors.InvalidCsr;
        }

        byte[] der;
        try
        {
            der = csr.Contains("-----BEGIN", StringComparison.Ordinal)
                ? PemDer(csr)
                : Convert.FromBase64String(csr.Trim());
        }
        catch (FormatException)
        {
            return ChannelErrors.InvalidCsr;
        }

        return Read(der);
    }

    /// <summary>See <see cref="Read(string?)"/>, over DER.</summary>
    public static Result<PublicKey> Read(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty || der.Length > MaxRequestBytes)
        {
            return ChannelErrors.InvalidCsr;
        }

        CertificateRequest request;
        try
        {
            // The default options verify the request's signature with its own key: proof of possession.
            request = CertificateRequest.LoadSigningRequest(der.ToArray(), HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default);
        }
        catch (CryptographicException)
        {
            return ChannelErrors.InvalidCsr;
        }

        return IsStrong(request.PublicKey) ? request.PublicKey : ChannelErrors.InvalidCsr.WithDetail(" The key must be RSA of at least 2048 bits or ECDSA on P-256 or P-384.");
    }

    private static bool IsStrong(PublicKey key)
    {
        using var rsa = key.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.KeySize is >= 2048 and <= 8192;
        }

        using var ec = key.GetECDsaPublicKey();
        if (ec is not null)
        {
            var curve = ec.ExportParameters(false).Curve;
            return curve.IsNamed && curve.Oid.Value is P256 or P384;
        }

        return false;
    }

    private static byte[] PemDer(string pem)
    {
        // Both labels are in use (OpenSSL writes the first, older tools the second).
        foreach (var label in (string[])["CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"])
        {
            var begin = $"-----BEGIN {label}-----";
            var start = pem.IndexOf(begin, StringComparison.Ordinal);
            if (start < 0)
            {
                continue;
            }

            var end = pem.IndexOf($"-----END {label}-----", start, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var body = new StringBuilder();
            foreach (var c in pem.AsSpan(start + begin.Length, end - start - begin.Length))
            {
                if (!char.IsWhiteSpace(c))
                {
                    body.Append(c);
                }
            }

            return Convert.FromBase64String(body.ToString());
        }

        throw new FormatException("No certificate request in the PEM text.");
    }
}
