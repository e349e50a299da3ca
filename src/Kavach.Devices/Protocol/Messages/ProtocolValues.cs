using System.Buffers.Text;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>Format rules for the protocol's identifiers: message ids, nonces, serials.</summary>
public static class ProtocolValues
{
    /// <summary>Nonce length in bytes (before base64url).</summary>
    public const int NonceBytes = 32;

    /// <summary>A new message or management id: a random UUIDv4, lower case.</summary>
    public static string NewId() => Guid.NewGuid().ToString("D");

    /// <summary>True for a lower-case UUIDv4 in the <c>8-4-4-4-12</c> form.</summary>
    public static bool IsUuidV4(string? text) =>
        text is { Length: 36 }
        && Guid.TryParseExact(text, "D", out Guid guid)
        && guid.Version == 4
        && string.Equals(guid.ToString("D"), text, StringComparison.Ordinal);

    /// <summary>A new nonce: base64url (unpadded) of 32 random bytes.</summary>
    public static string NewNonce() => Kavach.Crypto.Base64Url.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(NonceBytes));

    /// <summary>True for base64url (unpadded, canonical) of exactly 32 bytes.</summary>
    public static bool IsNonce(string? text) =>
        text is { Length: 43 } && Jose.StrictBase64.TryDecodeUrl(text, out byte[]? bytes) && bytes.Length == NonceBytes;

    /// <summary>
    /// True for a device serial: 1–64 characters of <c>A–Z a–z 0–9 . _ -</c> (MOSIP asks for at least 12 alphanumerics on
    /// the label, but its own mock devices use 10 digits; the registry decides which serials exist).
    /// </summary>
    public static bool IsSerialNo(string? text)
    {
        if (text is not { Length: >= 1 and <= 64 })
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for a printable ASCII text of 1 to <paramref name="maxLength"/> characters (versions, reasons, ids).</summary>
    public static bool IsShortText(string? text, int maxLength)
    {
        if (text is null || text.Length < 1 || text.Length > maxLength)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True for canonical unpadded base64url of at most <paramref name="maxBytes"/> bytes.</summary>
    public static bool IsBase64Url(string? text, int maxBytes) =>
        text is not null
        && Base64Url.GetMaxDecodedLength(text.Length) <= maxBytes
        && Jose.StrictBase64.TryDecodeUrl(text, out byte[]? bytes)
        && bytes.Length > 0;
}
