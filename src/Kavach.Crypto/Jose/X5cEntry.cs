using System.Security.Cryptography;
using System.Text;

namespace Kavach.Crypto.Jose;

/// <summary>
/// Reads an <c>x5c</c> entry the way MOSIP does (commons-codec's lenient decoder, then Java's
/// <c>CertificateFactory</c>): either base64 alphabet, padding optional, whitespace ignored, DER or PEM inside.
/// </summary>
/// <remarks>
/// RFC 7515 asks for padded standard base64 of the DER, but MOSIP's partners send what MOSIP accepts: OpenCRVS puts the
/// PEM text, base64url-encoded without padding, in <c>x5c</c>, and MOSIP's token seeder sends Python's
/// <c>base64.encodebytes</c> of the PEM, newlines included. Refusing them would break partners that work with MOSIP.
/// </remarks>
public static class X5cEntry
{
    // Far above any certificate (a few KiB), far below a request body: bounds the work one header entry can cause.
    private const int MaxEntryChars = 64 * 1024;

    private static readonly byte[] PemStart = "-----BEGIN "u8.ToArray();

    /// <summary>The DER certificate in one <c>x5c</c> entry; false when the entry is not base64 of a DER or PEM certificate.</summary>
    public static bool TryDecode(string? entry, out byte[] der)
    {
        der = [];
        if (string.IsNullOrEmpty(entry) || entry.Length > MaxEntryChars || !TryDecodeBase64(entry, out var decoded))
        {
            return false;
        }

        if (!decoded.AsSpan().StartsWith(PemStart))
        {
            der = decoded;
            return true;
        }

        return TryReadPemCertificate(decoded, out der);
    }

    /// <summary>MOSIP's lenient base64 (<see cref="Base64Url.TryDecodeLenient"/>) once line breaks and spaces are dropped.</summary>
    private static bool TryDecodeBase64(string entry, out byte[] decoded)
    {
        var compact = string.Concat(entry.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
        return Base64Url.TryDecodeLenient(compact, out decoded) && decoded.Length > 0;
    }

    private static bool TryReadPemCertificate(byte[] pemBytes, out byte[] der)
    {
        der = [];
        if (!Ascii.IsValid(pemBytes))
        {
            return false;
        }

        var pem = Encoding.ASCII.GetString(pemBytes);
        if (!PemEncoding.TryFind(pem, out var fields) || !pem.AsSpan()[fields.Label].SequenceEqual("CERTIFICATE"))
        {
            return false;
        }

        var buffer = new byte[fields.DecodedDataLength];
        if (!Convert.TryFromBase64Chars(pem.AsSpan()[fields.Base64Data], buffer, out var written) || written == 0)
        {
            return false;
        }

        der = buffer.AsSpan(0, written).ToArray();
        return true;
    }
}
