using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Interop;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests;

public sealed class AesGcmCipherTests
{
    private static readonly int[] KeySizes = [16, 24, 32];

    private static readonly Gen<(byte[] Key, byte[] Iv, byte[] Plaintext, byte[] Aad)> TwelveByteIvCases =
        from keySize in Gen.Elements(KeySizes)
        from key in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), keySize)
        from iv in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 12)
        from plaintext in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
        from aad in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
        select (key, iv, plaintext, aad);

    [Fact]
    public void Twelve_byte_iv_output_equals_dotnet_AesGcm()
    {
        Prop.ForAll(TwelveByteIvCases.ToArbitrary(), c =>
        {
            byte[] expected = ReferenceEncrypt(c.Key, c.Iv, c.Plaintext, c.Aad);
            return AesGcmCipher.Encrypt(c.Key, c.Iv, c.Plaintext, c.Aad).AsSpan().SequenceEqual(expected);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void OpenSsl_path_with_twelve_byte_iv_equals_dotnet_AesGcm()
    {
        // The public API routes 12-byte IVs to .NET; drive the EVP path directly to prove it against .NET.
        Prop.ForAll(TwelveByteIvCases.ToArbitrary(), c =>
        {
            byte[] expected = ReferenceEncrypt(c.Key, c.Iv, c.Plaintext, c.Aad);
            byte[] actual = new byte[c.Plaintext.Length + AesGcmCipher.TagSize];
            OpenSslGcm.Encrypt(c.Key, c.Iv, c.Plaintext, c.Aad, actual.AsSpan(0, c.Plaintext.Length), actual.AsSpan(c.Plaintext.Length));

            byte[] decrypted = new byte[c.Plaintext.Length];
            bool opened = OpenSslGcm.TryDecrypt(c.Key, c.Iv, expected.AsSpan(0, c.Plaintext.Length), expected.AsSpan(c.Plaintext.Length), c.Aad, decrypted);
            return actual.AsSpan().SequenceEqual(expected) && opened && decrypted.AsSpan().SequenceEqual(c.Plaintext);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(19)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Round_trips_for_iv_length(int ivLength)
    {
        var random = new Random(ivLength);
        foreach (int keySize in KeySizes)
        {
            foreach (int length in new[] { 0, 1, 15, 16, 17, 100, 4096 })
            {
                byte[] key = Bytes.Random(random, keySize);
                byte[] iv = Bytes.Random(random, ivLength);
                byte[] plaintext = Bytes.Random(random, length);
                byte[] aad = Bytes.Random(random, length % 40);

                byte[] sealedData = AesGcmCipher.Encrypt(key, iv, plaintext, aad);

                Assert.Equal(length + AesGcmCipher.TagSize, sealedData.Length);
                Assert.True(AesGcmCipher.TryDecrypt(key, iv, sealedData, aad, out byte[] opened));
                Assert.Equal(plaintext, opened);
            }
        }
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    [InlineData(200)]
    public void Any_flipped_bit_in_ciphertext_tag_aad_or_iv_fails(int ivLength)
    {
        var random = new Random(ivLength);
        byte[] key = Bytes.Random(random, 32);
        byte[] iv = Bytes.Random(random, ivLength);
        byte[] plaintext = Bytes.Random(random, 21);
        byte[] aad = Bytes.Random(random, 9);
        byte[] sealedData = AesGcmCipher.Encrypt(key, iv, plaintext, aad);

        // Bits of the ciphertext and of the tag.
        AssertEveryBitFlipFails(sealedData, flipped => Opens(key, iv, flipped, aad));
        AssertEveryBitFlipFails(aad, flipped => Opens(key, iv, sealedData, flipped));
        AssertEveryBitFlipFails(iv, flipped => Opens(key, flipped, sealedData, aad));
        AssertEveryBitFlipFails(key, flipped => Opens(flipped, iv, sealedData, aad));
        Assert.True(Opens(key, iv, sealedData, aad));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    public void Missing_or_extra_aad_fails(int ivLength)
    {
        byte[] key = RandomNumberGenerator.GetBytes(16);
        byte[] iv = RandomNumberGenerator.GetBytes(ivLength);
        byte[] withAad = AesGcmCipher.Encrypt(key, iv, "data"u8, "aad"u8);
        byte[] withoutAad = AesGcmCipher.Encrypt(key, iv, "data"u8, []);

        Assert.False(AesGcmCipher.TryDecrypt(key, iv, withAad, [], out _));
        Assert.False(AesGcmCipher.TryDecrypt(key, iv, withoutAad, "aad"u8, out _));
        Assert.True(AesGcmCipher.TryDecrypt(key, iv, withoutAad, [], out _));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    public void Failed_decryption_zeroes_the_destination(int ivLength)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(ivLength);
        byte[] sealedData = AesGcmCipher.Encrypt(key, iv, RandomNumberGenerator.GetBytes(40), []);
        sealedData[^1] ^= 1;
        byte[] destination = new byte[40];
        destination.AsSpan().Fill(0xAA);

        Assert.False(AesGcmCipher.TryDecrypt(key, iv, sealedData, [], destination.AsSpan()));
        Assert.All(destination, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Input_shorter_than_a_tag_fails_without_throwing()
    {
        byte[] key = RandomNumberGenerator.GetBytes(16);
        for (int length = 0; length < AesGcmCipher.TagSize; length++)
        {
            Assert.False(AesGcmCipher.TryDecrypt(key, new byte[16], new byte[length], [], out byte[] plaintext));
            Assert.Empty(plaintext);
            Assert.False(AesGcmCipher.TryDecrypt(key, new byte[12], new byte[length], [], Span<byte>.Empty));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(33)]
    public void Decrypting_with_a_bad_key_length_or_empty_iv_fails_without_throwing(int keyLength)
    {
        byte[] sealedData = AesGcmCipher.Encrypt(new byte[16], new byte[16], "x"u8, []);

        Assert.False(AesGcmCipher.TryDecrypt(new byte[keyLength], new byte[16], sealedData, [], out _));
        Assert.False(AesGcmCipher.TryDecrypt(new byte[16], [], sealedData, [], out _));
        Assert.True(AesGcmCipher.TryDecrypt(new byte[16], new byte[16], sealedData, [], out _));
    }

    [Fact]
    public void Encrypt_rejects_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => AesGcmCipher.Encrypt(new byte[20], new byte[16], "x"u8, []));
        Assert.Throws<ArgumentException>(() => AesGcmCipher.Encrypt(new byte[16], [], "x"u8, []));
        Assert.Throws<ArgumentException>(() => AesGcmCipher.Encrypt(new byte[16], new byte[16], "x"u8, [], new byte[16]));
        Assert.Throws<ArgumentException>(() => AesGcmCipher.TryDecrypt(new byte[16], new byte[16], new byte[20], [], new byte[5]));
    }

    [Theory]
    [InlineData(12)]
    [InlineData(16)]
    public void Exactly_overlapping_buffers_work_and_partial_overlap_is_refused(int ivLength)
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(ivLength);
        byte[] plaintext = RandomNumberGenerator.GetBytes(50);
        byte[] expected = AesGcmCipher.Encrypt(key, iv, plaintext, []);

        byte[] buffer = new byte[50 + AesGcmCipher.TagSize];
        plaintext.CopyTo(buffer, 0);
        AesGcmCipher.Encrypt(key, iv, buffer.AsSpan(0, 50), [], buffer);
        Assert.Equal(expected, buffer);

        Assert.True(AesGcmCipher.TryDecrypt(key, iv, buffer, [], buffer.AsSpan(0, 50)));
        Assert.Equal(plaintext, buffer[..50]);

        byte[] shifted = new byte[51 + AesGcmCipher.TagSize];
        Assert.Throws<ArgumentException>(() => AesGcmCipher.Encrypt(key, iv, shifted.AsSpan(1, 50), [], shifted.AsSpan(0, 66)));
    }

    [Fact]
    public void Known_answers_from_the_gcm_specification_for_non_96_bit_ivs()
    {
        // McGrew and Viega, "The Galois/Counter Mode of Operation", test cases 5 (8-byte IV) and 6 (60-byte IV).
        byte[] key = Bytes.FromHex("feffe9928665731c6d6a8f9467308308");
        byte[] plaintext = Bytes.FromHex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        byte[] aad = Bytes.FromHex("feedfacedeadbeeffeedfacedeadbeefabaddad2");

        byte[] case5 = AesGcmCipher.Encrypt(key, Bytes.FromHex("cafebabefacedbad"), plaintext, aad);
        byte[] case6 = AesGcmCipher.Encrypt(
            key,
            Bytes.FromHex("9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b"),
            plaintext,
            aad);

        Assert.Equal(
            "61353b4c2806934a777ff51fa22a4755699b2a714fcdc6f83766e5f97b6c742373806900e49f24b22b097544d4896b424989b5e1ebac0f07c23f4598" + "3612d2e79e3b0785561be14aaca2fccb",
            Bytes.Hex(case5));
        Assert.Equal(
            "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca701e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5" + "619cc5aefffe0bfa462af43c1699d050",
            Bytes.Hex(case6));
    }

    [Fact]
    public void Concurrent_use_from_many_threads_gives_correct_results()
    {
        // The EVP context is cached per thread; interleaved keys and IV lengths must not leak into each other.
        Parallel.For(0, 2000, i =>
        {
            var random = new Random(i);
            byte[] key = Bytes.Random(random, KeySizes[i % 3]);
            byte[] iv = Bytes.Random(random, i % 2 == 0 ? 16 : 12);
            byte[] plaintext = Bytes.Random(random, i % 300);
            byte[] sealedData = AesGcmCipher.Encrypt(key, iv, plaintext, [(byte)i]);

            Assert.True(AesGcmCipher.TryDecrypt(key, iv, sealedData, [(byte)i], out byte[] opened));
            Assert.Equal(plaintext, opened);
            sealedData[0] ^= 0x80;
            Assert.False(AesGcmCipher.TryDecrypt(key, iv, sealedData, [(byte)i], out _));
        });
    }

    [Fact]
    public void A_failed_decryption_leaves_the_cached_context_usable()
    {
        byte[] key = RandomNumberGenerator.GetBytes(16);
        byte[] iv12 = RandomNumberGenerator.GetBytes(12);
        byte[] bad = new byte[40];
        Assert.False(AesGcmCipher.TryDecrypt(key, new byte[16], bad, [], out _));

        byte[] actual = new byte[3 + AesGcmCipher.TagSize];
        OpenSslGcm.Encrypt(key, iv12, "abc"u8, [], actual.AsSpan(0, 3), actual.AsSpan(3));

        Assert.Equal(ReferenceEncrypt(key, iv12, "abc"u8.ToArray(), []), actual);
    }

    [Fact]
    public void The_openssl_path_allocates_nothing_per_call()
    {
        byte[] key = RandomNumberGenerator.GetBytes(32);
        byte[] iv = RandomNumberGenerator.GetBytes(16);
        byte[] plaintext = RandomNumberGenerator.GetBytes(1024);
        byte[] sealedData = new byte[plaintext.Length + AesGcmCipher.TagSize];
        byte[] opened = new byte[plaintext.Length];
        for (int i = 0; i < 100; i++)
        {
            // Warm up: JIT, static cipher fetches and this thread's cached context.
            AesGcmCipher.Encrypt(key, iv, plaintext, iv, sealedData);
            AesGcmCipher.TryDecrypt(key, iv, sealedData, iv, opened);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool allOpened = true;
        for (int i = 0; i < 1000; i++)
        {
            AesGcmCipher.Encrypt(key, iv, plaintext, iv, sealedData);
            allOpened &= AesGcmCipher.TryDecrypt(key, iv, sealedData, iv, opened);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allOpened);
        Assert.Equal(plaintext, opened);
        Assert.Equal(0, allocated);
    }

    private static bool Opens(byte[] key, byte[] iv, byte[] sealedData, byte[] aad) =>
        AesGcmCipher.TryDecrypt(key, iv, sealedData, aad, out _);

    private static void AssertEveryBitFlipFails(byte[] original, Func<byte[], bool> opens)
    {
        for (int bit = 0; bit < original.Length * 8; bit++)
        {
            byte[] flipped = (byte[])original.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(opens(flipped), $"flipping bit {bit} went unnoticed");
        }
    }

    private static byte[] ReferenceEncrypt(byte[] key, byte[] iv, byte[] plaintext, byte[] aad)
    {
        byte[] output = new byte[plaintext.Length + AesGcmCipher.TagSize];
        using var gcm = new AesGcm(key, AesGcmCipher.TagSize);
        gcm.Encrypt(iv, plaintext, output.AsSpan(0, plaintext.Length), output.AsSpan(plaintext.Length), aad);
        return output;
    }
}
