using System.Security.Cryptography;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

public sealed class MosipAesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(1000)]
    public void Round_trips_with_and_without_aad(int length)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] plaintext = RandomNumberGenerator.GetBytes(length);

        foreach (byte[] aad in new[] { Array.Empty<byte>(), RandomNumberGenerator.GetBytes(32) })
        {
            byte[] sealedData = MosipAes.EncryptWithAppendedIv(key, plaintext, aad);
            Assert.True(MosipAes.TryDecryptWithAppendedIv(key, sealedData, aad, out byte[] opened));
            Assert.Equal(plaintext, opened);
        }
    }

    [Fact]
    public void Layout_is_ciphertext_then_tag_then_sixteen_byte_iv()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] plaintext = RandomNumberGenerator.GetBytes(45);
        byte[] aad = [1, 2, 3];

        byte[] sealedData = MosipAes.EncryptWithAppendedIv(key, plaintext, aad);

        Assert.Equal(plaintext.Length + 32, sealedData.Length);
        byte[] iv = sealedData[^16..];
        Assert.True(AesGcmCipher.TryDecrypt(key, iv, sealedData.AsSpan(0, sealedData.Length - 16), aad, out byte[] opened));
        Assert.Equal(plaintext, opened);
        Assert.Equal(AesGcmCipher.Encrypt(key, iv, plaintext, aad), sealedData[..^16]);
    }

    [Fact]
    public void Every_encryption_uses_a_fresh_iv()
    {
        byte[] key = RandomNumberGenerator.GetBytes(16);
        var ivs = Enumerable.Range(0, 100)
            .Select(_ => Convert.ToHexString(MosipAes.EncryptWithAppendedIv(key, "same"u8, [])[^16..]))
            .ToHashSet();

        Assert.Equal(100, ivs.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    public void Input_of_thirty_two_bytes_or_less_is_refused(int length)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);

        Assert.False(MosipAes.TryDecryptWithAppendedIv(key, new byte[length], [], out byte[] plaintext));
        Assert.Empty(plaintext);
    }

    [Fact]
    public void Empty_plaintext_gives_thirty_two_bytes_that_mosip_rules_refuse_to_open()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] sealedData = MosipAes.EncryptWithAppendedIv(key, [], []);

        Assert.Equal(32, sealedData.Length);
        Assert.False(MosipAes.TryDecryptWithAppendedIv(key, sealedData, [], out _));
    }

    [Fact]
    public void Tampering_anywhere_or_a_wrong_key_or_aad_fails()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] sealedData = MosipAes.EncryptWithAppendedIv(key, "payload"u8, "aad"u8);

        for (int i = 0; i < sealedData.Length; i++)
        {
            byte[] tampered = (byte[])sealedData.Clone();
            tampered[i] ^= 0x01;
            Assert.False(MosipAes.TryDecryptWithAppendedIv(key, tampered, "aad"u8, out _), $"byte {i}");
        }

        Assert.False(MosipAes.TryDecryptWithAppendedIv(RandomNumberGenerator.GetBytes(32), sealedData, "aad"u8, out _));
        Assert.False(MosipAes.TryDecryptWithAppendedIv(key, sealedData, "AAD"u8, out _));
        Assert.True(MosipAes.TryDecryptWithAppendedIv(key, sealedData, "aad"u8, out _));
    }

    [Fact]
    public void Python_opens_our_output_and_we_open_python_output()
    {
        const string script = """
            import sys, os
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            key, ours, plain, aad = (bytes.fromhex(a) for a in sys.argv[1:5])
            aad = aad or None
            # Our output: ct || tag || iv16. Open it the way MOSIP's symmetricDecrypt splits it.
            assert AESGCM(key).decrypt(ours[-16:], ours[:-16], aad) == plain
            iv = os.urandom(16)
            print((AESGCM(key).encrypt(iv, plain, aad) + iv).hex())
            """;
        foreach (byte[] aad in new[] { Array.Empty<byte>(), RandomNumberGenerator.GetBytes(32) })
        {
            byte[] key = RandomNumberGenerator.GetBytes(32);
            byte[] plaintext = RandomNumberGenerator.GetBytes(77);
            byte[] ours = MosipAes.EncryptWithAppendedIv(key, plaintext, aad);

            string output = ExternalTool.Python(script, null, Bytes.Hex(key), Bytes.Hex(ours), Bytes.Hex(plaintext), Bytes.Hex(aad));

            byte[] theirs = Bytes.FromHex(output);
            Assert.Equal(plaintext.Length + 32, theirs.Length);
            Assert.True(MosipAes.TryDecryptWithAppendedIv(key, theirs, aad, out byte[] opened));
            Assert.Equal(plaintext, opened);
        }
    }
}
