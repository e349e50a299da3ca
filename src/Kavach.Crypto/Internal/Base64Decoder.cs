using System.Buffers;
using System.Text;

namespace Kavach.Crypto.Internal;

/// <summary>A strict base64 decoder for one alphabet at a time, with optional padding.</summary>
/// <remarks>
/// Hand-written because the framework decoders skip whitespace, and Java's decoders (which MOSIP
/// uses and so define what is valid on the wire) do not. As in Java, unused low bits in the last
/// character are ignored rather than rejected.
/// </remarks>
internal static class Base64Decoder
{
    // Characters the framework's decoders skip but Java refuses, and characters of the other alphabet.
    private static readonly SearchValues<char> NotForUrlSafeFastPath = SearchValues.Create(" \t\r\n+/");
    private static readonly SearchValues<char> NotForStandardFastPath = SearchValues.Create(" \t\r\n-_");

    internal static bool TryDecode(ReadOnlySpan<char> text, bool urlSafe, out byte[] data)
    {
        return TryDecodeVectorised(text, urlSafe, out data) || TryDecodeStrict(text, urlSafe, out data);
    }

    /// <summary>
    /// The framework's vectorised decoders, on the inputs where they agree with <see cref="TryDecodeStrict"/>: one
    /// alphabet, no whitespace, complete quanta (padded) or no padding at all. False means "ask the strict decoder",
    /// which alone decides what is refused.
    /// </summary>
    internal static bool TryDecodeVectorised(ReadOnlySpan<char> text, bool urlSafe, out byte[] data)
    {
        data = [];
        var padded = text.Length > 0 && text[^1] == '=';
        if ((padded && text.Length % 4 != 0) || text.IndexOfAny(urlSafe ? NotForUrlSafeFastPath : NotForStandardFastPath) >= 0)
        {
            return false;
        }

        var padding = padded ? (text[^2] == '=' ? 2 : 1) : 0;
        var dataChars = text.Length - padding;
        var tail = dataChars % 4;
        if (tail == 1 || text[..dataChars].Contains('='))
        {
            return false;
        }

        if (!urlSafe && text.Length % 4 != 0)
        {
            return false;
        }

        // The byte-oriented decoders report bad input as a status; the char ones throw.
        var rented = ArrayPool<byte>.Shared.Rent(text.Length);
        try
        {
            if (Ascii.FromUtf16(text, rented, out var length) != OperationStatus.Done)
            {
                return false;
            }

            var output = new byte[(dataChars / 4 * 3) + (tail == 0 ? 0 : tail - 1)];
            var ascii = rented.AsSpan(0, length);
            var status = urlSafe
                ? System.Buffers.Text.Base64Url.DecodeFromUtf8(ascii, output, out _, out var written)
                : System.Buffers.Text.Base64.DecodeFromUtf8(ascii, output, out _, out written);
            if (status != OperationStatus.Done || written != output.Length)
            {
                return false;
            }

            data = output;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The reference decoder: Java's rules, one character at a time.</summary>
    internal static bool TryDecodeStrict(ReadOnlySpan<char> text, bool urlSafe, out byte[] data)
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
