using System.Security.Cryptography;
using Kavach.Crypto.Internal;
using Kavach.Crypto.Interop;

namespace Kavach.Crypto;

/// <summary>AES-GCM with a 16-byte tag and an IV of any length, as MOSIP (Java's JCE) uses it.</summary>
/// <remarks>
/// Every IV length goes through OpenSSL's EVP GCM with a reusable per-thread context (.NET's <see cref="AesGcm"/>
/// takes only 12-byte nonces and costs a key schedule and an allocation per call; tests prove both agree on
/// 12-byte nonces). IVs longer than OpenSSL's 128-byte limit are first reduced to an
/// equivalent 16-byte IV (see <see cref="GcmIvReducer"/>), so the output matches Java for any length.
/// The output layout is always <c>ciphertext || tag</c>. Plaintext and destination may be the same
/// memory but must not partially overlap.
/// </remarks>
public static class AesGcmCipher
{
    /// <summary>Authentication tag length in bytes (MOSIP's <c>gcm-tag-length=128</c>).</summary>
    public const int TagSize = 16;

    /// <summary>Encrypts into <paramref name="ciphertextAndTag"/>, which must be <c>plaintext.Length + 16</c> bytes.</summary>
    /// <exception cref="ArgumentException">Key not 16/24/32 bytes, empty IV, or a wrongly sized or partially overlapping destination.</exception>
    public static void Encrypt(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> plaintext,
        ReadOnlySpan<byte> aad,
        Span<byte> ciphertextAndTag)
    {
        if (!IsValidKeyLength(key.Length))
        {
            throw new ArgumentException("The AES key must be 16, 24 or 32 bytes long.", nameof(key));
        }

        if (iv.IsEmpty)
        {
            throw new ArgumentException("The IV must not be empty.", nameof(iv));
        }

        if (ciphertextAndTag.Length != plaintext.Length + TagSize)
        {
            throw new ArgumentException("The destination must be exactly the plaintext length plus 16 bytes.", nameof(ciphertextAndTag));
        }

        if (plaintext.Overlaps(ciphertextAndTag, out int offset) && offset != 0)
        {
            throw new ArgumentException("The plaintext and destination must not partially overlap.", nameof(ciphertextAndTag));
        }

        Span<byte> ciphertext = ciphertextAndTag[..plaintext.Length];
        Span<byte> tag = ciphertextAndTag[plaintext.Length..];

        if (iv.Length <= OpenSslGcm.MaxIvLength)
        {
            OpenSslGcm.Encrypt(key, iv, plaintext, aad, ciphertext, tag);
            return;
        }

        Span<byte> reducedIv = stackalloc byte[GcmIvReducer.ReducedIvLength];
        GcmIvReducer.Reduce(key, iv, reducedIv);
        OpenSslGcm.Encrypt(key, reducedIv, plaintext, aad, ciphertext, tag);
    }

    /// <summary>Encrypts and returns <c>ciphertext || tag</c>.</summary>
    /// <exception cref="ArgumentException">Key not 16/24/32 bytes, or an empty IV.</exception>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        byte[] output = new byte[plaintext.Length + TagSize];
        Encrypt(key, iv, plaintext, aad, output);
        return output;
    }

    /// <summary>
    /// Authenticates and decrypts <c>ciphertext || tag</c> into <paramref name="plaintext"/>, which must be
    /// 16 bytes shorter than the input. Returns false, with the destination zeroed, for any bad key,
    /// IV, tag, AAD or ciphertext, and for input shorter than a tag.
    /// </summary>
    /// <exception cref="ArgumentException">A wrongly sized or partially overlapping destination.</exception>
    public static bool TryDecrypt(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> ciphertextAndTag,
        ReadOnlySpan<byte> aad,
        Span<byte> plaintext)
    {
        // Keys here often come from unwrapping attacker-supplied data, so their length is data too.
        if (ciphertextAndTag.Length < TagSize || !IsValidKeyLength(key.Length) || iv.IsEmpty)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return false;
        }

        ReadOnlySpan<byte> ciphertext = ciphertextAndTag[..^TagSize];
        ReadOnlySpan<byte> tag = ciphertextAndTag[^TagSize..];
        if (plaintext.Length != ciphertext.Length)
        {
            throw new ArgumentException("The destination must be exactly the input length minus 16 bytes.", nameof(plaintext));
        }

        if (ciphertextAndTag.Overlaps(plaintext, out int offset) && offset != 0)
        {
            throw new ArgumentException("The input and destination must not partially overlap.", nameof(plaintext));
        }

        if (iv.Length <= OpenSslGcm.MaxIvLength)
        {
            return OpenSslGcm.TryDecrypt(key, iv, ciphertext, tag, aad, plaintext);
        }

        Span<byte> reducedIv = stackalloc byte[GcmIvReducer.ReducedIvLength];
        GcmIvReducer.Reduce(key, iv, reducedIv);
        return OpenSslGcm.TryDecrypt(key, reducedIv, ciphertext, tag, aad, plaintext);
    }

    /// <summary>
    /// Authenticates and decrypts <c>ciphertext || tag</c>. Returns false, with an empty
    /// <paramref name="plaintext"/>, for any bad key, IV, tag, AAD or ciphertext.
    /// </summary>
    public static bool TryDecrypt(
        ReadOnlySpan<byte> key,
        ReadOnlySpan<byte> iv,
        ReadOnlySpan<byte> ciphertextAndTag,
        ReadOnlySpan<byte> aad,
        out byte[] plaintext)
    {
        if (ciphertextAndTag.Length < TagSize)
        {
            plaintext = [];
            return false;
        }

        byte[] buffer = new byte[ciphertextAndTag.Length - TagSize];
        if (TryDecrypt(key, iv, ciphertextAndTag, aad, buffer.AsSpan()))
        {
            plaintext = buffer;
            return true;
        }

        plaintext = [];
        return false;
    }

    private static bool IsValidKeyLength(int length) => length is 16 or 24 or 32;
}
