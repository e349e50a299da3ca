using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Envelope;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>TrySplit: the first splitter wins, VER_R2 only at the start, the thumbprint only for a 288-byte key block.</summary>
public sealed class MosipEnvelopeSplitTests
{
    private static readonly byte[] Splitter = "#KEY_SPLITTER#"u8.ToArray();
    private static readonly byte[] Version = "VER_R2"u8.ToArray();
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void No_splitter_means_no_envelope()
    {
        Assert.False(MosipEnvelope.TrySplit([], out _));
        Assert.False(MosipEnvelope.TrySplit("#KEY_SPLITTER"u8, out _));
        Assert.False(MosipEnvelope.TrySplit("VER_R2#KEY-SPLITTER#data"u8, out _));

        using RSA publicKey = EnvelopeTestKeys.NewPublicKey();
        byte[] envelope = MosipEnvelope.Encrypt(publicKey, EnvelopeTestKeys.Thumbprint, [1, 2, 3], [], []);
        envelope[300] ^= 0x20; // inside the splitter at [294..308)
        Assert.False(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        Assert.Equal(default, parts);
    }

    [Fact]
    public void Random_bytes_without_the_splitter_never_split() =>
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
            bytes.AsSpan().IndexOf(Splitter) >= 0 || !MosipEnvelope.TrySplit(bytes, out _))
        .Check(Runs);

    [Fact]
    public void The_first_splitter_wins_even_when_the_data_holds_more_of_them() =>
        Prop.ForAll(Gen.Choose(0, 400).ToArbitrary(), Gen.Choose(0, 3).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (keyLength, splitters, seed) =>
        {
            var random = new Random(seed);
            byte[] keyBlock = WithoutSplitter(Bytes.Random(random, keyLength));
            byte[] data = Bytes.Random(random, random.Next(0, 200));
            for (int i = 0; i < splitters; i++)
            {
                int at = random.Next(0, data.Length + 1);
                data = [.. data[..at], .. Splitter, .. data[at..]];
            }

            byte[] envelope = [.. keyBlock, .. Splitter, .. data];
            bool split = MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts);
            bool v2 = keyBlock.AsSpan().StartsWith(Version);
            int keyStart = v2 ? 6 : 0;
            bool thumbprint = keyLength - keyStart == 288;
            return split
                && parts.IsV2 == v2
                && parts.HasThumbprint == thumbprint
                && envelope.AsSpan(parts.Data).SequenceEqual(data)
                && envelope.AsSpan(parts.Thumbprint).SequenceEqual(thumbprint ? keyBlock.AsSpan(keyStart, 32) : [])
                && envelope.AsSpan(parts.EncryptedKey).SequenceEqual(keyBlock.AsSpan(keyStart + (thumbprint ? 32 : 0)));
        }).Check(Runs);

    [Theory]
    [InlineData(0, false, false)]
    [InlineData(256, false, false)]
    [InlineData(287, false, false)]
    [InlineData(288, false, true)]
    [InlineData(289, false, false)]
    [InlineData(288, true, true)]
    [InlineData(289, true, false)]
    [InlineData(256, true, false)]
    [InlineData(0, true, false)]
    public void Thumbprint_only_for_a_key_block_of_exactly_288_bytes_after_the_header(int keyLength, bool header, bool expectThumbprint)
    {
        byte[] key = Enumerable.Repeat((byte)0xA5, keyLength).ToArray();
        byte[] envelope = [.. header ? Version : [], .. key, .. Splitter, 1, 2, 3];

        Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        Assert.Equal(header, parts.IsV2);
        Assert.Equal(expectThumbprint, parts.HasThumbprint);
        Assert.Equal(expectThumbprint ? 256 : keyLength, envelope.AsSpan(parts.EncryptedKey).Length);
        Assert.Equal(expectThumbprint ? 32 : 0, envelope.AsSpan(parts.Thumbprint).Length);
        Assert.Equal(new byte[] { 1, 2, 3 }, envelope.AsSpan(parts.Data).ToArray());
    }

    [Fact]
    public void Version_header_counts_only_at_the_very_start()
    {
        byte[] envelope = [0, .. Version, .. new byte[288], .. Splitter];
        Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        Assert.False(parts.IsV2);
        Assert.False(parts.HasThumbprint);
        Assert.Equal(new Range(0, 295), parts.EncryptedKey);
        Assert.Equal(0, envelope.AsSpan(parts.Data).Length);
    }

    [Fact]
    public void A_ciphertext_that_contains_the_splitter_still_decrypts()
    {
        // Choose the plaintext so that the salt-mode ciphertext carries the splitter twice: the split must
        // happen at the real splitter, the first one, and the rest is data.
        byte[] sessionKey = Bytes.Random(new Random(5), 32);
        byte[] salt = Bytes.Random(new Random(6), 16);
        byte[] wanted = [.. Bytes.Random(new Random(7), 10), .. Splitter, 0x42, .. Splitter, 0x43];
        byte[] keystream = AesGcmCipher.Encrypt(sessionKey, salt, new byte[wanted.Length], [])[..wanted.Length];
        byte[] plaintext = wanted.Zip(keystream, (w, k) => (byte)(w ^ k)).ToArray();
        byte[] dataPart = AesGcmCipher.Encrypt(sessionKey, salt, plaintext, []);
        Assert.Equal(wanted, dataPart[..wanted.Length]);

        using RSA publicKey = EnvelopeTestKeys.NewPublicKey();
        using RSA privateKey = EnvelopeTestKeys.NewPrivateKey();
        byte[] envelope = [.. EnvelopeTestKeys.Thumbprint, .. publicKey.Encrypt(sessionKey, RSAEncryptionPadding.OaepSHA256), .. Splitter, .. dataPart];

        Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        Assert.True(parts.HasThumbprint);
        Assert.Equal(dataPart, envelope.AsSpan(parts.Data).ToArray());
        Assert.True(MosipEnvelope.TryDecrypt(envelope, MosipEnvelopeInteropTests.UnwrapWith(privateKey), salt, [], out byte[] opened));
        Assert.Equal(plaintext, opened);
    }

    [Fact]
    public void A_splitter_inside_the_key_block_splits_there_and_decryption_fails_as_in_mosip()
    {
        byte[] thumbprint = [.. Splitter, .. new byte[18]];
        using RSA publicKey = EnvelopeTestKeys.NewPublicKey();
        using RSA privateKey = EnvelopeTestKeys.NewPrivateKey();
        byte[] envelope = MosipEnvelope.Encrypt(publicKey, thumbprint, [1, 2, 3], [], []);

        Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        Assert.True(parts.IsV2);
        Assert.False(parts.HasThumbprint);
        Assert.Equal(new Range(6, 6), parts.EncryptedKey);
        Assert.False(MosipEnvelope.TryDecrypt(envelope, MosipEnvelopeInteropTests.UnwrapWith(privateKey), [], [], out _));
    }

    private static byte[] WithoutSplitter(byte[] bytes)
    {
        // The chance is about 2^-112 per position, but a generated key block must never hold a splitter.
        for (int at; (at = bytes.AsSpan().IndexOf(Splitter)) >= 0;)
        {
            bytes[at] ^= 0xFF;
        }

        return bytes;
    }
}
