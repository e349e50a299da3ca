using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;

namespace Kavach.Devices.Tests.Protocol.Support;

/// <summary>Hand-made JOSE tokens for attack tests: any header text, any algorithm, signed or not.</summary>
internal static class TokenForge
{
    public static string B64(string text) => Base64Url.Encode(Encoding.UTF8.GetBytes(text));

    public static string X5c(TestIdentity identity) => Convert.ToBase64String(identity.Certificate.RawData);

    /// <summary>A JWS with <paramref name="headerJson"/> as given, signed RS256 (PKCS#1 v1.5) with <paramref name="key"/>.</summary>
    public static string Jws(string headerJson, byte[] payload, RSA key)
    {
        string input = B64(headerJson) + "." + Base64Url.Encode(payload);
        byte[] signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url.Encode(signature);
    }

    /// <summary>A JWS with an arbitrary signature computation over the signing input.</summary>
    public static string Jws(string headerJson, byte[] payload, Func<byte[], byte[]> sign)
    {
        string input = B64(headerJson) + "." + Base64Url.Encode(payload);
        return input + "." + Base64Url.Encode(sign(Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>A JWE with <paramref name="headerJson"/> as given and chosen CEK and IV sizes.</summary>
    public static string Jwe(string headerJson, byte[] plaintext, RSA recipient, int cekSize = 32, int ivSize = 12, int tagSize = 16)
    {
        string encodedHeader = B64(headerJson);
        byte[] cek = RandomNumberGenerator.GetBytes(cekSize);
        byte[] iv = RandomNumberGenerator.GetBytes(ivSize);
        byte[] ciphertext = new byte[plaintext.Length];
        byte[] tag = new byte[16];
        byte[] gcmKey = cekSize == 32 ? cek : RandomNumberGenerator.GetBytes(32);
        if (ivSize == 12)
        {
            using var gcm = new AesGcm(gcmKey, 16);
            gcm.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(encodedHeader));
        }

        byte[] encryptedKey = recipient.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
        return string.Join('.', encodedHeader, Base64Url.Encode(encryptedKey), Base64Url.Encode(iv), Base64Url.Encode(ciphertext), Base64Url.Encode(tag.AsSpan(0, tagSize)));
    }
}
