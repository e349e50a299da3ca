using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Builds compact JWEs straight from framework primitives, to feed the decryptor tokens it would never write.</summary>
internal static class HandMadeJwe
{
    /// <summary>A token with a fresh 32-byte CEK; with an IV other than 12 bytes the content is left unsealed (zeros), as only the length is under test.</summary>
    public static string Build(string headerJson, byte[] content, RSA recipient, int ivSize = 12)
    {
        byte[] cek = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(ivSize);
        string encodedHeader = B64.Url(headerJson);
        byte[] ciphertext = new byte[content.Length];
        byte[] tag = new byte[16];
        if (ivSize == 12)
        {
            using var gcm = new AesGcm(cek, 16);
            gcm.Encrypt(iv, content, ciphertext, tag, Encoding.ASCII.GetBytes(encodedHeader));
        }

        byte[] encryptedKey = recipient.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
        return string.Join('.', encodedHeader, B64.Url(encryptedKey), B64.Url(iv), B64.Url(ciphertext), B64.Url(tag));
    }

    /// <summary>Like <see cref="Build"/> but with a CEK of any length, sealed with that key (AES-128/192/256).</summary>
    public static string BuildWithCek(string headerJson, byte[] content, RSA recipient, byte[] cek)
    {
        byte[] iv = RandomNumberGenerator.GetBytes(12);
        string encodedHeader = B64.Url(headerJson);
        byte[] ciphertext = new byte[content.Length];
        byte[] tag = new byte[16];
        using (var gcm = new AesGcm(cek, 16))
        {
            gcm.Encrypt(iv, content, ciphertext, tag, Encoding.ASCII.GetBytes(encodedHeader));
        }

        byte[] encryptedKey = recipient.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
        return string.Join('.', encodedHeader, B64.Url(encryptedKey), B64.Url(iv), B64.Url(ciphertext), B64.Url(tag));
    }

    public static byte[] RawDeflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }
}
