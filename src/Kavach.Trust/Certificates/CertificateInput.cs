using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Trust.Errors;

namespace Kavach.Trust.Certificates;

/// <summary>Reads uploaded certificate data: one PEM certificate, or a CA bundle (spec §6.1 "Certificate parsing").</summary>
public static class CertificateInput
{
    /// <summary>One PEM certificate (partner uploads, trust checks); KER-KMS-013 otherwise, as MOSIP answers.</summary>
    public static Result<X509Certificate2> ParseCertificate(string? pem) =>
        Pem.TryParseCertificate(pem, out var certificate) ? certificate : ErrorCodes.CertificateParsing;

    /// <summary>
    /// A CA upload: one or more PEM <c>CERTIFICATE</c> blocks, a PEM <c>PKCS7</c> block, or base64url (or base64) DER
    /// PKCS#7. A PKCS#7 list is reversed, as MOSIP does, so that a leaf-first bundle is read root first. KER-PCM-001
    /// when nothing usable is found or the bundle holds more than <paramref name="maxCertificates"/>.
    /// </summary>
    public static Result<IReadOnlyList<X509Certificate2>> ParseBundle(string? data, int maxCertificates)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return TrustErrors.InvalidCertificate;
        }

        // Literal "\n" from JSON clients, and files concatenated without a final newline ("cat a.pem b.pem").
        var text = data.Replace("\\n", "\n", StringComparison.Ordinal)
            .Replace("-----END CERTIFICATE----------BEGIN", "-----END CERTIFICATE-----\n-----BEGIN", StringComparison.Ordinal)
            .Trim();
        List<X509Certificate2>? certificates = null;
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            certificates = PemCertificates(text);
        }
        else if (text.Contains("-----BEGIN PKCS7-----", StringComparison.Ordinal))
        {
            certificates = PemBlock(text, "PKCS7") is { } der && CertsOnlyPkcs7.TryDecode(der, out var list) ? list.Reverse().ToList() : null;
        }
        else if (Base64Url.TryDecodeLenient(text, out var der) && CertsOnlyPkcs7.TryDecode(der, out var list))
        {
            certificates = list.Reverse().ToList();
        }

        if (certificates is null || certificates.Count == 0 || certificates.Count > maxCertificates)
        {
            return TrustErrors.InvalidCertificate;
        }

        return certificates;
    }

    /// <summary>The DER of the first PEM block labelled <paramref name="label"/>, or null.</summary>
    internal static byte[]? PemBlock(string text, string label)
    {
        var remaining = text.AsSpan();
        while (PemEncoding.TryFind(remaining, out var fields))
        {
            if (remaining[fields.Label].SequenceEqual(label))
            {
                var base64 = remaining[fields.Base64Data];
                var der = new byte[fields.DecodedDataLength];
                return Convert.TryFromBase64Chars(base64, der, out var written) ? der[..written] : null;
            }

            remaining = remaining[fields.Location.End..];
        }

        return null;
    }

    private static List<X509Certificate2>? PemCertificates(string text)
    {
        var certificates = new List<X509Certificate2>();
        var remaining = text.AsSpan();
        try
        {
            while (PemEncoding.TryFind(remaining, out var fields))
            {
                if (remaining[fields.Label].SequenceEqual("CERTIFICATE"))
                {
                    var der = new byte[fields.DecodedDataLength];
                    if (!Convert.TryFromBase64Chars(remaining[fields.Base64Data], der, out var written))
                    {
                        return null;
                    }

                    certificates.Add(X509CertificateLoader.LoadCertificate(der.AsSpan(0, written)));
                }

                remaining = remaining[fields.Location.End..];
            }
        }
        catch (CryptographicException)
        {
            return null;
        }

        return certificates;
    }
}
