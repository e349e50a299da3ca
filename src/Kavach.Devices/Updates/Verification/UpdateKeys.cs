using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Kavach.Crypto;

namespace Kavach.Devices.Updates.Verification;

/// <summary>How update keys are named: a key is its base64url DER SubjectPublicKeyInfo; its id (JWS <c>kid</c>) is the lower-case hex SHA-256 of that DER.</summary>
public static class UpdateKeys
{
    /// <summary>The key text of a DER SubjectPublicKeyInfo.</summary>
    public static string Encode(ReadOnlySpan<byte> subjectPublicKeyInfo) => Base64Url.Encode(subjectPublicKeyInfo);

    /// <summary>The key text of an RSA key's public part.</summary>
    public static string Encode(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Encode(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>The key id of a DER SubjectPublicKeyInfo.</summary>
    public static string KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) =>
        Convert.ToHexStringLower(SHA256.HashData(subjectPublicKeyInfo));

    /// <summary>Decodes a key text to its DER and id; false when it is not base64url.</summary>
    public static bool TryKeyId(string key, [NotNullWhen(true)] out string? keyId)
    {
        keyId = TryDecode(key, out var der) ? KeyId(der) : null;
        return keyId is not null;
    }

    internal static bool TryDecode(string key, out byte[] der)
    {
        der = [];
        return key.Length > 0 && Base64Url.TryDecodeUrlSafe(key, out der) && der.Length > 0;
    }
}
