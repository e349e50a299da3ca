using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto;

namespace Kavach.PartnerChannel.Tests.Support;

/// <summary>Compact JWEs with any header, for the algorithms the channel must refuse.</summary>
internal static class HandMadeJwe
{
    public static string Create(string headerJson, RSA recipient, RSAEncryptionPadding wrapPadding, int cekSize, byte[] plaintext)
    {
        string header = Base64Url.Encode(Encoding.UTF8.GetBytes(headerJson));
        byte[] cek = RandomNumberGenerator.GetBytes(cekSize);
        byte[] iv = RandomNumberGenerator.GetBytes(12);
        byte[] ciphertext = new byte[plaintext.Length];
        byte[] tag = new byte[16];
        using (var gcm = new AesGcm(cek, 16))
        {
            gcm.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(header));
        }

        return string.Join('.', header, Base64Url.Encode(recipient.Encrypt(cek, wrapPadding)), Base64Url.Encode(iv), Base64Url.Encode(ciphertext), Base64Url.Encode(tag));
    }
}
