using Kavach.Crypto.Internal;
using Kavach.Crypto.Interop;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Internal;

public sealed class GcmIvReducerTests
{
    [Fact]
    public void Reduced_iv_gives_the_same_output_as_the_original_in_openssl()
    {
        // OpenSSL handles IVs up to 128 bytes natively, so every such length can be checked directly.
        var random = new Random(7);
        for (int ivLength = 1; ivLength <= OpenSslGcm.MaxIvLength; ivLength++)
        {
            if (ivLength == 12)
            {
                continue; // 12-byte IVs bypass GHASH in GCM; the reducer is never used for them.
            }

            byte[] key = Bytes.Random(random, new[] { 16, 24, 32 }[ivLength % 3]);
            byte[] iv = Bytes.Random(random, ivLength);
            byte[] plaintext = Bytes.Random(random, 37);
            byte[] aad = Bytes.Random(random, 5);
            byte[] reduced = new byte[GcmIvReducer.ReducedIvLength];
            GcmIvReducer.Reduce(key, iv, reduced);

            Assert.Equal(Encrypt(key, iv, plaintext, aad), Encrypt(key, reduced, plaintext, aad));
        }
    }

    [Fact]
    public void A_sixteen_byte_iv_reduces_to_itself()
    {
        var random = new Random(8);
        for (int i = 0; i < 50; i++)
        {
            byte[] key = Bytes.Random(random, 32);
            byte[] iv = Bytes.Random(random, 16);
            byte[] reduced = new byte[16];
            GcmIvReducer.Reduce(key, iv, reduced);
            Assert.Equal(iv, reduced);
        }
    }

    private static byte[] Encrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] aad)
    {
        byte[] output = new byte[plaintext.Length + AesGcmCipher.TagSize];
        OpenSslGcm.Encrypt(key, iv, plaintext, aad, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length));
        return output;
    }
}
