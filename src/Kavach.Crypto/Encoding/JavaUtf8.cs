using System.Text;

namespace Kavach.Crypto.Encodings;

/// <summary>UTF-8 as Java's <c>String.getBytes(UTF_8)</c> produces it, for bytes MOSIP derives keys and hashes from.</summary>
/// <remarks>
/// The two runtimes differ only on malformed UTF-16: Java writes <c>'?'</c> for each unpaired surrogate where
/// .NET writes U+FFFD. A PIN or Argon2 input arriving as JSON can carry one (<c>"\ud800"</c>), and the derived
/// key must still match MOSIP's.
/// </remarks>
public static class JavaUtf8
{
    private static readonly System.Text.Encoding Utf8 = System.Text.Encoding.GetEncoding(
        "utf-8",
        new EncoderReplacementFallback("?"),
        new DecoderReplacementFallback("\uFFFD"));

    /// <summary>The bytes Java's <c>String.getBytes(StandardCharsets.UTF_8)</c> gives for <paramref name="text"/>.</summary>
    public static byte[] GetBytes(string text) => Utf8.GetBytes(text);

    /// <summary>Java's <c>new String(bytes, UTF_8)</c>: malformed input becomes U+FFFD.</summary>
    public static string GetString(ReadOnlySpan<byte> bytes) => Utf8.GetString(bytes);
}
