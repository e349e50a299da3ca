namespace Kavach.Crypto.Internal;

/// <summary>A strict base64 decoder for one alphabet at a time, with optional padding.</summary>
/// <remarks>
/// Hand-written because the framework decoders skip whitespace, and Java's decoders (which MOSIP
/// uses and so define what is valid on the wire) do not. As in Java, unused low bits in the last
/// character are ignored rather than rejected.
/// </remarks>
internal static class Base64Decoder
{
    internal static bool TryDecode(ReadOnlySpan<char> text, bool urlSafe, out byte[] data)
    {
        data = [];

        int padding = 0;
        while (padding < text.Length && text[text.Length - 1 - padding] == '=')
        {
            padding++;
        }

        int dataChars = text.Length - padding;
        int tail = dataChars % 4;

        // Padding, when present, must complete the last quantum exactly; one dangling character
        // carries only 6 bits and can never be valid.
        if (tail == 1 || padding > 2 || (padding > 0 && (text.Length % 4 != 0 || tail + padding != 4)))
        {
            return false;
        }

        ReadOnlySpan<char> body = text[..dataChars];
        foreach (char c in body)
        {
            if (ValueOf(c, urlSafe) < 0)
            {
                return false;
            }
        }

        byte[] output = new byte[(dataChars / 4 * 3) + (tail == 0 ? 0 : tail - 1)];
        int written = 0;
        int bits = 0;
        int bitCount = 0;
        foreach (char c in body)
        {
            bits = (bits << 6) | ValueOf(c, urlSafe);
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                output[written++] = (byte)(bits >> bitCount);
                bits &= (1 << bitCount) - 1;
            }
        }

        data = output;
        return true;
    }

    private static int ValueOf(char c, bool urlSafe) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' when urlSafe => 62,
        '_' when urlSafe => 63,
        '+' when !urlSafe => 62,
        '/' when !urlSafe => 63,
        _ => -1,
    };
}
