using System.Numerics;
using System.Security.Cryptography;
using Kavach.Vaults.Pkcs11;

namespace Kavach.Vaults.Tests.Pkcs11;

/// <summary>The software OAEP decoding used over raw RSA: agrees with .NET's OAEP-SHA256 and refuses every bad block alike.</summary>
public sealed class OaepSha256DecoderTests
{
    private static readonly RSA Key = RSA.Create(2048);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(190)] // the longest message OAEP-SHA256 fits in 2048 bits
    public void Decodes_what_dotnet_encrypts(int length)
    {
        var message = RandomNumberGenerator.GetBytes(length);

        var decoded = OaepSha256Decoder.Decode(RawDecrypt(Key.Encrypt(message, RSAEncryptionPadding.OaepSHA256)));

        Assert.Equal(message, decoded);
    }

    [Fact]
    public void Refuses_sha1_oaep_pkcs1_v15_and_every_flipped_bit_with_one_message()
    {
        var message = RandomNumberGenerator.GetBytes(32);
        var blocks = new List<byte[]>
        {
            RawDecrypt(Key.Encrypt(message, RSAEncryptionPadding.OaepSHA1)),
            RawDecrypt(Key.Encrypt(message, RSAEncryptionPadding.Pkcs1)),
            new byte[256],
        };
        var good = RawDecrypt(Key.Encrypt(message, RSAEncryptionPadding.OaepSHA256));
        foreach (var index in new[] { 0, 1, 20, 33, 40, 64, 200, 222, 223, 255 })
        {
            var flipped = (byte[])good.Clone();
            flipped[index] ^= 0x01;
            blocks.Add(flipped);
        }

        var messages = blocks.Select(block => Assert.Throws<CryptographicException>(() => OaepSha256Decoder.Decode(block)).Message).Distinct().ToList();

        Assert.Equal(["The data does not decrypt under this key."], messages);
    }

    [Fact]
    public void Refuses_blocks_too_short_to_hold_the_padding()
    {
        Assert.Throws<CryptographicException>(() => OaepSha256Decoder.Decode(new byte[65]));
    }

    // What CKM_RSA_X_509 does in the token: c^d mod n, as k big-endian bytes.
    private static byte[] RawDecrypt(byte[] ciphertext)
    {
        var parameters = Key.ExportParameters(true);
        var n = new BigInteger(parameters.Modulus, isUnsigned: true, isBigEndian: true);
        var d = new BigInteger(parameters.D, isUnsigned: true, isBigEndian: true);
        var m = BigInteger.ModPow(new BigInteger(ciphertext, isUnsigned: true, isBigEndian: true), d, n);
        var bytes = m.ToByteArray(isUnsigned: true, isBigEndian: true);
        var block = new byte[parameters.Modulus!.Length];
        bytes.CopyTo(block, block.Length - bytes.Length);
        return block;
    }
}
