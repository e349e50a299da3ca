using System.Text.Json;
using System.Text.Unicode;
using Kavach.Crypto;
using Kavach.Crypto.Envelope;

namespace Kavach.Server.Audit;

/// <summary>Key references read from public parts of a request or response: never the protected data itself.</summary>
internal static class KeyRefs
{
    // 52 base64 characters decode to 39 bytes: enough for "VER_R2" and the 32-byte thumbprint, without decoding the data.
    private const int EnvelopePrefixChars = 52;
    private const int MaxHeaderChars = 8192;

    /// <summary><c>thumbprint:&lt;HEX&gt;</c> of a MOSIP <c>VER_R2</c> envelope, or null (legacy envelopes name no key).</summary>
    public static string? FromEnvelope(string? data)
    {
        if (data is null || data.Length < EnvelopePrefixChars)
        {
            return null;
        }

        Span<char> chars = stackalloc char[EnvelopePrefixChars];
        for (var i = 0; i < EnvelopePrefixChars; i++)
        {
            chars[i] = data[i] switch { '-' => '+', '_' => '/', var c => c };
        }

        Span<byte> bytes = stackalloc byte[39];
        var version = MosipEnvelope.VersionHeader;
        if (!Convert.TryFromBase64Chars(chars, bytes, out var written) || written < version.Length + MosipEnvelope.ThumbprintLength ||
            !bytes[..version.Length].SequenceEqual(version))
        {
            return null;
        }

        return "thumbprint:" + Convert.ToHexString(bytes.Slice(version.Length, MosipEnvelope.ThumbprintLength));
    }

    /// <summary>The key a compact JWS/JWE header names: <c>thumbprint:&lt;HEX&gt;</c> for an x5t#S256 (or a kid that is one), else <c>kid:…</c>.</summary>
    public static string? FromJoseHeader(string? compact)
    {
        if (string.IsNullOrEmpty(compact))
        {
            return null;
        }

        var dot = compact.IndexOf('.', StringComparison.Ordinal);
        // The header is the caller's: bytes that are not UTF-8 (or JSON) name no key, and must not fail the request.
        if (dot <= 0 || dot > MaxHeaderChars || !Base64Url.TryDecodeUrlSafe(compact[..dot], out var header) || !Utf8.IsValid(header))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(header);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var candidate = Text(json.RootElement, "x5t#S256") ?? Text(json.RootElement, "kid");
            if (candidate is null)
            {
                return null;
            }

            return Base64Url.TryDecodeUrlSafe(candidate, out var digest) && digest.Length == 32
                ? "thumbprint:" + Convert.ToHexString(digest)
                : "kid:" + candidate;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\uD800") is valid JSON that GetString cannot turn into a string.
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
