namespace Kavach.Crypto.Encodings;

/// <summary>Base58 with the Bitcoin alphabet, and its multibase form (<c>'z'</c> prefix) used by MOSIP's <c>/signV2</c>.</summary>
/// <remarks>
/// The namespace is <c>Encodings</c>, not <c>Encoding</c>: a <c>Kavach.Crypto.Encoding</c> namespace would hide
/// <c>System.Text.Encoding</c> from every file in <c>Kavach.Crypto.*</c> that imports <c>System.Text</c>.
/// Conversion is quadratic in the input length; it is meant for signatures and keys, not bulk data.
/// </remarks>
public static class Base58Btc
{
    /// <summary>The multibase prefix for base58btc.</summary>
    public const char MultibasePrefix = 'z';

    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    // Stack buffers up to this size; larger inputs are rare (signatures are at most 512 bytes).
    private const int StackLimit = 1024;

    private static readonly sbyte[] DigitOf = BuildDigitTable();

    /// <summary>Encodes with the Bitcoin alphabet; each leading zero byte becomes a leading <c>'1'</c>.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        int zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        ReadOnlySpan<byte> rest = data[zeros..];

        // 138/100 > log(256)/log(58), so the digit buffer is always large enough.
        int capacity = (rest.Length * 138 / 100) + 1;
        Span<byte> digits = capacity <= StackLimit ? stackalloc byte[capacity] : new byte[capacity];
        int length = 0;
        foreach (byte b in rest)
        {
            int carry = b;
            for (int i = 0; i < length; i++)
            {
                carry += digits[i] << 8;
                digits[i] = (byte)(carry % 58);
                carry /= 58;
            }

            while (carry > 0)
            {
                digits[length++] = (byte)(carry % 58);
                carry /= 58;
            }
        }

        char[] text = new char[zeros + length];
        text.AsSpan(0, zeros).Fill('1');
        for (int i = 0; i < length; i++)
        {
            // digits holds the number little-endian; the text is big-endian.
            text[zeros + i] = Alphabet[digits[length - 1 - i]];
        }

        return new string(text);
    }

    /// <summary>
    /// Decodes Bitcoin-alphabet base58; each leading <c>'1'</c> becomes a zero byte. An empty string decodes to no
    /// bytes. Null, whitespace and any character outside the alphabet (such as <c>0</c>, <c>O</c>, <c>I</c>, <c>l</c>) give false.
    /// </summary>
    public static bool TryDecode(string? text, out byte[] data)
    {
        data = [];
        if (text is null)
        {
            return false;
        }

        int ones = 0;
        while (ones < text.Length && text[ones] == '1')
        {
            ones++;
        }

        ReadOnlySpan<char> rest = text.AsSpan(ones);

        // 733/1000 > log(58)/log(256).
        int capacity = (rest.Length * 733 / 1000) + 1;
        Span<byte> bytes = capacity <= StackLimit ? stackalloc byte[capacity] : new byte[capacity];
        int length = 0;
        foreach (char c in rest)
        {
            int carry = c < DigitOf.Length ? DigitOf[c] : -1;
            if (carry < 0)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                carry += bytes[i] * 58;
                bytes[i] = (byte)carry;
                carry >>= 8;
            }

            while (carry > 0)
            {
                bytes[length++] = (byte)carry;
                carry >>= 8;
            }
        }

        byte[] result = new byte[ones + length];
        for (int i = 0; i < length; i++)
        {
            result[ones + i] = bytes[length - 1 - i];
        }

        data = result;
        return true;
    }

    /// <summary>Multibase base58btc: <c>"z" + Encode(data)</c>, MOSIP's default signature encoding for <c>/signV2</c>.</summary>
    public static string EncodeMultibase(ReadOnlySpan<byte> data) => MultibasePrefix + Encode(data);

    /// <summary>Decodes a multibase base58btc string; false unless it starts with <c>'z'</c> and the rest is valid base58.</summary>
    public static bool TryDecodeMultibase(string? text, out byte[] data)
    {
        if (string.IsNullOrEmpty(text) || text[0] != MultibasePrefix)
        {
            data = [];
            return false;
        }

        return TryDecode(text[1..], out data);
    }

    private static sbyte[] BuildDigitTable()
    {
        sbyte[] table = new sbyte[128];
        table.AsSpan().Fill(-1);
        for (int i = 0; i < Alphabet.Length; i++)
        {
            table[Alphabet[i]] = (sbyte)i;
        }

        return table;
    }
}
