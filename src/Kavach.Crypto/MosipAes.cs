using System.Security.Cryptography;

namespace Kavach.Crypto;

/// <summary>MOSIP's <c>CryptoCore.symmetricEncrypt/Decrypt</c> without an explicit IV: <c>ciphertext || tag(16) || iv(16)</c>.</summary>
public static class MosipAes
{
    /// <summary>Length of the random IV MOSIP appends (Java's <c>cipher.getBlockSize()</c> for AES).</summary>
    public const int IvSize = 16;

    /// <summary>Encrypts with a fresh random 16-byte IV and returns <c>ciphertext || tag || iv</c>.</summary>
    /// <remarks>
    /// An empty plaintext gives exactly 32 bytes, which <see cref="TryDecryptWithAppendedIv"/> (like MOSIP)
    /// refuses; callers that must round-trip empty data need another format.
    /// </remarks>
    /// <exception cref="ArgumentException">The key is not 16, 24 or 32 bytes.</exception>
    public static byte[] EncryptWithAppendedIv(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> aad)
    {
        byte[] output = new byte[plaintext.Length + AesGcmCipher.TagSize + IvSize];
        Span<byte> iv = output.AsSpan(plaintext.Length + AesGcmCipher.TagSize);
        RandomNumberGenerator.Fill(iv);
        AesGcmCipher.Encrypt(key, iv, plaintext, aad, output.AsSpan(0, plaintext.Length + AesGcmCipher.TagSize));
        return output;
    }

    /// <summary>
    /// Reverses <see cref="EncryptWithAppendedIv"/>. Like MOSIP, input of 32 bytes or less is refused.
    /// Returns false, with an empty <paramref name="plaintext"/>, on any failure.
    /// </summary>
    public static bool TryDecryptWithAppendedIv(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, ReadOnlySpan<byte> aad, out byte[] plaintext)
    {
        if (data.Length <= AesGcmCipher.TagSize + IvSize)
        {
            plaintext = [];
            return false;
        }

        return AesGcmCipher.TryDecrypt(key, data[^IvSize..], data[..^IvSize], aad, out plaintext);
    }
}
