using System.Diagnostics.CodeAnalysis;
using Kavach.Crypto;

namespace Kavach.Devices.Protocol.Jose;

/// <summary>
/// Canonical base64 decoding: a text is accepted only when it is exactly what our encoder would write for the bytes it
/// decodes to (no padding or whitespace in base64url, padding and no whitespace in standard base64, zero unused bits),
/// so one token has one spelling and a flipped character never decodes to the same bytes.
/// </summary>
internal static class StrictBase64
{
    public static bool TryDecodeUrl(string? text, [NotNullWhen(true)] out byte[]? data)
    {
        data = null;
        if (text is null || text.Length % 4 == 1)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        byte[] decoded;
        try
        {
            decoded = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (!string.Equals(Base64Url.Encode(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        data = decoded;
        return true;
    }

    public static bool TryDecodeStandard(string? text, [NotNullWhen(true)] out byte[]? data)
    {
        data = null;
        if (string.IsNullOrEmpty(text) || text.Length % 4 != 0)
        {
            return false;
        }

        byte[] buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out int written))
        {
            return false;
        }

        byte[] decoded = buffer.AsSpan(0, written).ToArray();
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        data = decoded;
        return true;
    }
}
