using System.Security.Cryptography;
using Kavach.Crypto.Encodings;

namespace Kavach.Crypto.Pin;

/// <summary>
/// MOSIP's PIN-based encryption (<c>/encryptWithPin</c>, <c>/decryptWithPin</c>):
/// <c>base64url_nopad( salt(32) || nonce(12) || AES-GCM(key, nonce, aad = salt) )</c> with
/// <c>key = PBKDF2-HMAC-SHA512(pin, salt, iterations, 32 bytes)</c>.
/// </summary>
/// <remarks>
/// MOSIP derives the key as uppercase hex and hex-decodes it again, which yields the same 32 bytes. The iteration
/// count is not stored in the output, so both sides must use the deployment's <c>mosip.kernel.crypto.hash-iteration</c>.
/// PIN and data are encoded as Java encodes a <c>String</c> to UTF-8 (an unpaired surrogate becomes <c>'?'</c>).
/// </remarks>
public static class PinCipher
{
    /// <summary>Length of the random PBKDF2 salt, which is also the GCM AAD.</summary>
    public const int SaltLength = 32;

    /// <summary>Length of the random GCM nonce.</summary>
    public const int NonceLength = 12;

    /// <summary>Length of the derived AES-256 key.</summary>
    public const int KeyLength = 32;

    private const int MinimumLength = SaltLength + NonceLength + AesGcmCipher.TagSize;

    /// <summary>Encrypts the UTF-8 bytes of <paramref name="data"/> under a key derived from <paramref name="pin"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is less than 1.</exception>
    public static string Encrypt(string data, string pin, int iterations)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);

        byte[] plaintext = JavaUtf8.GetBytes(data);
        byte[] output = new byte[MinimumLength + plaintext.Length];
        Span<byte> salt = output.AsSpan(0, SaltLength);
        Span<byte> nonce = output.AsSpan(SaltLength, NonceLength);
        Span<byte> key = stackalloc byte[KeyLength];
        try
        {
            RandomNumberGenerator.Fill(salt);
            RandomNumberGenerator.Fill(nonce);
            DeriveKey(pin, salt, iterations, key);
            AesGcmCipher.Encrypt(key, nonce, plaintext, salt, output.AsSpan(SaltLength + NonceLength));
            return Base64Url.Encode(output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Reverses <see cref="Encrypt"/>. Accepts base64url or standard base64, padded or not (MOSIP's lenient decoding).
    /// False, with an empty <paramref name="data"/>, for a wrong PIN or iteration count, tampering, bad base64 or short input.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="iterations"/> is less than 1.</exception>
    public static bool TryDecrypt(string encrypted, string pin, int iterations, out string data)
    {
        ArgumentNullException.ThrowIfNull(pin);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        data = string.Empty;
        if (!Base64Url.TryDecodeLenient(encrypted, out byte[] input) || input.Length < MinimumLength)
        {
            return false;
        }

        ReadOnlySpan<byte> salt = input.AsSpan(0, SaltLength);
        ReadOnlySpan<byte> nonce = input.AsSpan(SaltLength, NonceLength);
        byte[] plaintext = new byte[input.Length - MinimumLength];
        Span<byte> key = stackalloc byte[KeyLength];
        try
        {
            DeriveKey(pin, salt, iterations, key);
            if (!AesGcmCipher.TryDecrypt(key, nonce, input.AsSpan(SaltLength + NonceLength), salt, plaintext))
            {
                return false;
            }

            data = JavaUtf8.GetString(plaintext);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static void DeriveKey(string pin, ReadOnlySpan<byte> salt, int iterations, Span<byte> key)
    {
        // Java's PBKDF2WithHmacSHA512 takes the PIN as chars and feeds their UTF-8 bytes to HMAC.
        byte[] password = JavaUtf8.GetBytes(pin);
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(password, salt, key, iterations, HashAlgorithmName.SHA512);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(password);
        }
    }
}
