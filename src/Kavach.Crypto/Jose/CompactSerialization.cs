using System.Text;

namespace Kavach.Crypto.Jose;

/// <summary>Splitting and strict base64url decoding of JOSE compact serializations.</summary>
internal static class CompactSerialization
{
    internal static string[]? Split(string? compact, int expectedParts)
    {
        if (string.IsNullOrEmpty(compact))
        {
            return null;
        }

        // Counting first avoids allocating for garbage with thousands of dots.
        int dots = compact.AsSpan().Count('.');
        if (dots != expectedParts - 1)
        {
            return null;
        }

        // Empty parts are kept on purpose: a detached JWS has an empty middle part (Java's split(".", -1)).
        return compact.Split('.');
    }

    /// <summary>
    /// Decodes base64url exactly as RFC 7515 writes it: no padding, no whitespace, and zero unused bits
    /// in the last character. Refusing the non-canonical spellings means one token has one text, so a
    /// flipped character can never decode to the same bytes and pass.
    /// </summary>
    internal static bool TryDecode(string part, out byte[] data)
    {
        if (!IsCanonical(part))
        {
            data = [];
            return false;
        }

        return Base64Url.TryDecodeUrlSafe(part, out data);
    }

    /// <summary>True when <paramref name="part"/> is unpadded base64url with zero unused trailing bits.</summary>
    internal static bool IsCanonical(ReadOnlySpan<char> part)
    {
        if (part.Length % 4 == 1)
        {
            return false;
        }

        foreach (char c in part)
        {
            if (ValueOf(c) < 0)
            {
                return false;
            }
        }

        int unusedBitsMask = (part.Length % 4) switch
        {
            2 => 0x0F,
            3 => 0x03,
            _ => 0,
        };
        return unusedBitsMask == 0 || (ValueOf(part[^1]) & unusedBitsMask) == 0;
    }

    /// <summary>The ASCII bytes of a part already known to be base64url (and hence ASCII).</summary>
    internal static byte[] Ascii(string part) => Encoding.ASCII.GetBytes(part);

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
