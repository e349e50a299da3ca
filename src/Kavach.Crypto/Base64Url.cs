using Kavach.Crypto.Internal;

namespace Kavach.Crypto;

/// <summary>Base64 encoding and decoding with MOSIP's conventions (Java's <c>java.util.Base64</c> decoders).</summary>
public static class Base64Url
{
    /// <summary>Base64url without padding: MOSIP's <c>encodeToURLSafeBase64</c>.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Standard base64 with padding.</summary>
    public static string EncodeStandard(ReadOnlySpan<byte> data) => Convert.ToBase64String(data);

    /// <summary>
    /// Decodes base64url with or without padding, as MOSIP's <c>decodeURLSafeBase64</c> does: '+', '/',
    /// whitespace and misplaced or wrong padding are refused. An empty string decodes to no bytes;
    /// null gives false.
    /// </summary>
    public static bool TryDecodeUrlSafe(string? text, out byte[] data)
    {
        if (text is null)
        {
            data = [];
            return false;
        }

        return Base64Decoder.TryDecode(text, urlSafe: true, out data);
    }

    /// <summary>
    /// MOSIP's lenient decoding (<c>decodeBase64Data</c>): base64url (padded or not) first, then standard
    /// base64 (padded or not). Null or empty input gives false, as MOSIP treats it as missing.
    /// </summary>
    public static bool TryDecodeLenient(string? text, out byte[] data)
    {
        if (string.IsNullOrEmpty(text))
        {
            data = [];
            return false;
        }

        return Base64Decoder.TryDecode(text, urlSafe: true, out data)
            || Base64Decoder.TryDecode(text, urlSafe: false, out data);
    }
}
