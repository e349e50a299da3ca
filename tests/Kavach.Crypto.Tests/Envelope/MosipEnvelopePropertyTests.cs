using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Envelope;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>Round trips in every mode up to 1 MiB, and rejection of every single-bit change, wrong key, salt or AAD.</summary>
public sealed class MosipEnvelopePropertyTests : IDisposable
{
    private const int OneMiB = 1 << 20;

    private readonly RSA _publicKey = EnvelopeTestKeys.NewPublicKey();
    private readonly RSA _privateKey = EnvelopeTestKeys.NewPrivateKey();

    public enum Mode
    {
        V2,
        Salt,
        Aad,
        SaltAndAad,
    }

    public void Dispose()
    {
        _publicKey.Dispose();
        _privateKey.Dispose();
    }

    [Theory]
    [InlineData(Mode.V2, 0)]
    [InlineData(Mode.V2, OneMiB)]
    [InlineData(Mode.Salt, 0)]
    [InlineData(Mode.Salt, OneMiB)]
    [InlineData(Mode.Aad, 0)]
    [InlineData(Mode.Aad, OneMiB)]
    [InlineData(Mode.SaltAndAad, 0)]
    [InlineData(Mode.SaltAndAad, OneMiB)]
    public void Round_trips_at_the_size_limits(Mode mode, int length) =>
        Assert.True(RoundTrips(mode, length, seed: length + (int)mode, withThumbprint: true));

    [Fact]
    public void Round_trips_in_every_mode_for_sizes_up_to_1_MiB() =>
        Prop.ForAll(
            (from mode in Gen.Elements(Enum.GetValues<Mode>())
             from withThumbprint in ArbMap.Default.GeneratorFor<bool>()
             select (mode, withThumbprint)).ToArbitrary(),
            Gen.Choose(0, OneMiB).ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (c, length, seed) => RoundTrips(c.mode, length, seed, c.withThumbprint))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(60));

    [Fact]
    public void Round_trips_for_small_sizes_in_every_mode() =>
        Prop.ForAll(
            Gen.Elements(Enum.GetValues<Mode>()).ToArbitrary(),
            Gen.Choose(0, 100).ToArbitrary(),
            ArbMap.Default.ArbFor<int>(),
            (mode, length, seed) => RoundTrips(mode, length, seed, withThumbprint: true))
        .Check(Config.QuickThrowOnFailure.WithMaxTest(200));

    [Fact]
    public void Any_single_flipped_bit_in_the_data_part_is_rejected() =>
        Prop.ForAll(
            Gen.Elements(Enum.GetValues<Mode>()).ToArbitrary(),
            Gen.Choose(0, 300).ToArbitrary(),
            Gen.Two(ArbMap.Default.GeneratorFor<int>()).ToArbitrary(),
            (mode, length, randomness) =>
            {
                (int seed, int position) = randomness;
                (byte[] envelope, byte[] salt, byte[] aad, _) = Make(mode, length, seed, withThumbprint: true);
                Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
                byte[] sessionKey = Unwrap(envelope, parts);
                byte[] dataPart = envelope.AsSpan(parts.Data).ToArray();
                int bit = (int)((uint)position % (uint)(dataPart.Length * 8));
                dataPart[bit / 8] ^= (byte)(1 << (bit % 8));
                bool opened = MosipEnvelope.TryDecryptData(sessionKey, dataPart, parts.IsV2, salt, aad, out byte[] plaintext);
                return !opened && plaintext.Length == 0;
            })
        .Check(Config.QuickThrowOnFailure.WithMaxTest(400));

    [Fact]
    public void Any_single_flipped_bit_in_the_encrypted_key_is_rejected() =>
        Prop.ForAll(Gen.Elements(Enum.GetValues<Mode>()).ToArbitrary(), Gen.Choose(0, 256 * 8 - 1).ToArbitrary(), (mode, bit) =>
        {
            (byte[] envelope, byte[] salt, byte[] aad, _) = Make(mode, 40, bit, withThumbprint: true);
            int at = (mode == Mode.V2 ? 6 : 0) + 32 + (bit / 8);
            envelope[at] ^= (byte)(1 << (bit % 8));
            return !MosipEnvelope.TryDecrypt(envelope, MosipEnvelopeInteropTests.UnwrapWith(_privateKey), salt, aad, out _);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    [Fact]
    public void A_wrong_session_key_is_rejected() =>
        Prop.ForAll(Gen.Elements(Enum.GetValues<Mode>()).ToArbitrary(), Gen.Choose(0, 300).ToArbitrary(), ArbMap.Default.ArbFor<int>(), (mode, length, seed) =>
        {
            (byte[] envelope, byte[] salt, byte[] aad, _) = Make(mode, length, seed, withThumbprint: true);
            Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
            byte[] wrongKey = Bytes.Random(new Random(~seed), 32);
            return !MosipEnvelope.TryDecryptData(wrongKey, envelope.AsSpan(parts.Data), parts.IsV2, salt, aad, out _)
                && !MosipEnvelope.TryDecryptData(wrongKey.AsSpan(..16), envelope.AsSpan(parts.Data), parts.IsV2, salt, aad, out _)
                && !MosipEnvelope.TryDecryptData([], envelope.AsSpan(parts.Data), parts.IsV2, salt, aad, out _)
                && !MosipEnvelope.TryDecryptData(new byte[31], envelope.AsSpan(parts.Data), parts.IsV2, salt, aad, out _);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(100));

    [Theory]
    [InlineData(Mode.V2)]
    [InlineData(Mode.Salt)]
    [InlineData(Mode.Aad)]
    [InlineData(Mode.SaltAndAad)]
    public void Every_truncation_of_the_data_part_is_rejected_without_exceptions(Mode mode)
    {
        (byte[] envelope, byte[] salt, byte[] aad, _) = Make(mode, 20, seed: 9, withThumbprint: true);
        Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        byte[] sessionKey = Unwrap(envelope, parts);
        ReadOnlySpan<byte> dataPart = envelope.AsSpan(parts.Data);
        for (int length = 0; length < dataPart.Length; length++)
        {
            Assert.False(MosipEnvelope.TryDecryptData(sessionKey, dataPart[..length], parts.IsV2, salt, aad, out byte[] plaintext));
            Assert.Empty(plaintext);
            Assert.False(MosipEnvelope.TryDecryptData(sessionKey, dataPart[(dataPart.Length - length)..], parts.IsV2, salt, aad, out _));
        }
    }

    [Fact]
    public void Wrong_salt_or_aad_is_rejected_and_v2_ignores_the_request_aad()
    {
        byte[] other = [0x55];
        foreach (Mode mode in Enum.GetValues<Mode>())
        {
            (byte[] envelope, byte[] salt, byte[] aad, byte[] data) = Make(mode, 64, seed: 11, withThumbprint: true);
            Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
            byte[] sessionKey = Unwrap(envelope, parts);
            ReadOnlySpan<byte> dataPart = envelope.AsSpan(parts.Data);

            Assert.True(MosipEnvelope.TryDecryptData(sessionKey, dataPart, parts.IsV2, salt, aad, out byte[] plaintext));
            Assert.Equal(data, plaintext);
            if (mode == Mode.V2)
            {
                Assert.True(MosipEnvelope.TryDecryptData(sessionKey, dataPart, parts.IsV2, [], other, out byte[] again));
                Assert.Equal(data, again);
                Assert.False(MosipEnvelope.TryDecryptData(sessionKey, dataPart, isV2: false, [], [], out _));
                continue;
            }

            Assert.False(MosipEnvelope.TryDecryptData(sessionKey, dataPart, parts.IsV2, salt, other, out _));
            Assert.False(MosipEnvelope.TryDecryptData(sessionKey, dataPart, parts.IsV2, salt.Length == 0 ? other : [], aad, out _));
            Assert.False(MosipEnvelope.TryDecryptData(sessionKey, dataPart, isV2: true, salt.Length == 0 ? [] : other, aad, out _));
        }
    }

    [Fact]
    public void Unwrapping_refuses_wrong_lengths_and_garbage()
    {
        Assert.False(MosipEnvelope.TryUnwrapSessionKey(_privateKey, new byte[255], out byte[] key));
        Assert.Empty(key);
        Assert.False(MosipEnvelope.TryUnwrapSessionKey(_privateKey, new byte[257], out _));
        Assert.False(MosipEnvelope.TryUnwrapSessionKey(_privateKey, [], out _));
        Assert.False(MosipEnvelope.TryUnwrapSessionKey(_privateKey, Bytes.Random(new Random(12), 256), out _));
    }

    [Fact]
    public void TryDecrypt_wipes_the_session_key_it_was_handed_and_reports_a_missing_key()
    {
        (byte[] envelope, _, _, byte[] data) = Make(Mode.V2, 10, seed: 13, withThumbprint: true);
        byte[]? handedOut = null;
        byte[] seenThumbprint = [];
        Assert.True(MosipEnvelope.TryDecrypt(
            envelope,
            (thumbprint, encryptedKey) =>
            {
                seenThumbprint = thumbprint.ToArray();
                return handedOut = MosipEnvelope.TryUnwrapSessionKey(_privateKey, encryptedKey, out byte[] k) ? k : null;
            },
            [],
            [],
            out byte[] plaintext));
        Assert.Equal(data, plaintext);
        Assert.Equal(EnvelopeTestKeys.Thumbprint, seenThumbprint);
        Assert.All(handedOut!, b => Assert.Equal(0, b));

        Assert.False(MosipEnvelope.TryDecrypt(envelope, (_, _) => null, [], [], out byte[] none));
        Assert.Empty(none);
    }

    private bool RoundTrips(Mode mode, int length, int seed, bool withThumbprint)
    {
        (byte[] envelope, byte[] salt, byte[] aad, byte[] data) = Make(mode, length, seed, withThumbprint);
        return MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts)
            && parts.HasThumbprint == withThumbprint
            && parts.IsV2 == (mode == Mode.V2)
            && MosipEnvelope.TryDecryptData(Unwrap(envelope, parts), envelope.AsSpan(parts.Data), parts.IsV2, salt, aad, out byte[] plaintext)
            && plaintext.AsSpan().SequenceEqual(data);
    }

    private (byte[] Envelope, byte[] Salt, byte[] Aad, byte[] Data) Make(Mode mode, int length, int seed, bool withThumbprint)
    {
        var random = new Random(seed);
        byte[] data = Bytes.Random(random, length);
        byte[] salt = mode is Mode.Salt or Mode.SaltAndAad ? Bytes.Random(random, random.Next(1, 64)) : [];
        byte[] aad = mode is Mode.Aad or Mode.SaltAndAad ? Bytes.Random(random, random.Next(1, 64)) : [];
        byte[] envelope = MosipEnvelope.Encrypt(_publicKey, withThumbprint ? EnvelopeTestKeys.Thumbprint : [], data, salt, aad);
        return (envelope, salt, aad, data);
    }

    private byte[] Unwrap(byte[] envelope, EnvelopeParts parts)
    {
        Assert.True(MosipEnvelope.TryUnwrapSessionKey(_privateKey, envelope.AsSpan(parts.EncryptedKey), out byte[] sessionKey));
        return sessionKey;
    }
}
