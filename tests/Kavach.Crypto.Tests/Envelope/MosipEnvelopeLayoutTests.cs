using System.Security.Cryptography;
using Kavach.Crypto.Envelope;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Envelope;

/// <summary>The exact byte layout of spec §3.2, checked with .NET's own primitives rather than our codec.</summary>
public sealed class MosipEnvelopeLayoutTests : IDisposable
{
    private const int SplitterLength = 14;

    private readonly RSA _publicKey = EnvelopeTestKeys.NewPublicKey();
    private readonly RSA _privateKey = EnvelopeTestKeys.NewPrivateKey();
    private readonly byte[] _data = "{\"name\":\"Ravi\",\"uin\":\"1234567890\"}"u8.ToArray();

    public void Dispose()
    {
        _publicKey.Dispose();
        _privateKey.Dispose();
    }

    [Fact]
    public void Constants_are_mosips()
    {
        Assert.Equal("VER_R2"u8.ToArray(), MosipEnvelope.VersionHeader.ToArray());
        Assert.Equal("#KEY_SPLITTER#"u8.ToArray(), MosipEnvelope.KeySplitter.ToArray());
        Assert.Equal(32, MosipEnvelope.ThumbprintLength);
        Assert.Equal(256, MosipEnvelope.EncryptedKeyLength);
        Assert.Equal(32, MosipEnvelope.AadLength);
        Assert.Equal(12, MosipEnvelope.NonceLength);
    }

    [Fact]
    public void V2_is_header_thumbprint_key_splitter_then_a_and_gcm_with_a_as_aad_and_its_first_12_bytes_as_nonce()
    {
        byte[] envelope = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, [], []);

        Assert.Equal(6 + 32 + 256 + SplitterLength + 32 + _data.Length + 16, envelope.Length);
        Assert.Equal("VER_R2"u8.ToArray(), envelope[..6]);
        Assert.Equal(EnvelopeTestKeys.Thumbprint, envelope[6..38]);
        Assert.Equal("#KEY_SPLITTER#"u8.ToArray(), envelope[294..308]);

        byte[] sessionKey = _privateKey.Decrypt(envelope[38..294], RSAEncryptionPadding.OaepSHA256);
        Assert.Equal(32, sessionKey.Length);

        byte[] a = envelope[308..340];
        byte[] ciphertext = envelope[340..^16];
        byte[] tag = envelope[^16..];
        byte[] plaintext = new byte[ciphertext.Length];
        using var gcm = new AesGcm(sessionKey, 16);
        gcm.Decrypt(a[..12], ciphertext, tag, plaintext, a);
        Assert.Equal(_data, plaintext);

        // Any other nonce, or another AAD, fails: the nonce is exactly A[0..12) and the AAD exactly A.
        Assert.ThrowsAny<CryptographicException>(() => gcm.Decrypt(a[1..13], ciphertext, tag, plaintext, a));
        Assert.ThrowsAny<CryptographicException>(() => gcm.Decrypt(a[..12], ciphertext, tag, plaintext, a[..12]));
    }

    [Fact]
    public void Salt_mode_has_no_header_and_uses_the_salt_as_the_iv_with_ct_and_tag_only()
    {
        byte[] salt = Bytes.Random(new Random(3), 12);
        byte[] aad = Bytes.Random(new Random(4), 32);
        foreach (byte[] requestAad in new[] { Array.Empty<byte>(), aad })
        {
            byte[] envelope = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, salt, requestAad);

            Assert.Equal(32 + 256 + SplitterLength + _data.Length + 16, envelope.Length);
            Assert.Equal(EnvelopeTestKeys.Thumbprint, envelope[..32]);
            Assert.Equal("#KEY_SPLITTER#"u8.ToArray(), envelope[288..302]);
            byte[] sessionKey = _privateKey.Decrypt(envelope[32..288], RSAEncryptionPadding.OaepSHA256);
            byte[] plaintext = new byte[_data.Length];
            using var gcm = new AesGcm(sessionKey, 16);
            gcm.Decrypt(salt, envelope[302..^16], envelope[^16..], plaintext, requestAad);
            Assert.Equal(_data, plaintext);
        }
    }

    [Fact]
    public void Aad_mode_has_no_header_and_ends_with_the_16_byte_iv()
    {
        byte[] aad = "partner-aad"u8.ToArray();
        byte[] envelope = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, [], aad);

        Assert.Equal(32 + 256 + SplitterLength + _data.Length + 16 + 16, envelope.Length);
        Assert.Equal(EnvelopeTestKeys.Thumbprint, envelope[..32]);
        Assert.Equal("#KEY_SPLITTER#"u8.ToArray(), envelope[288..302]);
        byte[] sessionKey = _privateKey.Decrypt(envelope[32..288], RSAEncryptionPadding.OaepSHA256);

        // .NET's AesGcm cannot take a 16-byte IV; AesGcmCipher is proven against Python and Java for it.
        Assert.True(AesGcmCipher.TryDecrypt(sessionKey, envelope.AsSpan(^16..), envelope.AsSpan(302..^16), aad, out byte[] plaintext));
        Assert.Equal(_data, plaintext);
        Assert.True(MosipAes.TryDecryptWithAppendedIv(sessionKey, envelope.AsSpan(302..), aad, out byte[] viaMosipAes));
        Assert.Equal(_data, viaMosipAes);
    }

    [Fact]
    public void Without_a_thumbprint_the_key_block_is_the_bare_encrypted_key()
    {
        byte[] v2 = MosipEnvelope.Encrypt(_publicKey, [], _data, [], []);
        Assert.Equal("VER_R2"u8.ToArray(), v2[..6]);
        Assert.Equal("#KEY_SPLITTER#"u8.ToArray(), v2[262..276]);
        Assert.Equal(32, _privateKey.Decrypt(v2[6..262], RSAEncryptionPadding.OaepSHA256).Length);

        byte[] salted = MosipEnvelope.Encrypt(_publicKey, [], _data, [7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7], []);
        Assert.Equal("#KEY_SPLITTER#"u8.ToArray(), salted[256..270]);
        Assert.Equal(256 + SplitterLength + _data.Length + 16, salted.Length);

        Assert.True(MosipEnvelope.TrySplit(v2, out EnvelopeParts parts));
        Assert.True(parts.IsV2);
        Assert.False(parts.HasThumbprint);
        Assert.Equal(0, v2.AsSpan(parts.Thumbprint).Length);
        Assert.Equal(new Range(6, 262), parts.EncryptedKey);
        Assert.Equal(new Range(276, v2.Length), parts.Data);
    }

    [Fact]
    public void Split_ranges_point_at_the_pieces_of_a_v2_envelope()
    {
        byte[] envelope = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, [], []);

        Assert.True(MosipEnvelope.TrySplit(envelope, out EnvelopeParts parts));
        Assert.Equal(new EnvelopeParts(true, true, new Range(6, 38), new Range(38, 294), new Range(308, envelope.Length)), parts);
    }

    [Fact]
    public void Each_envelope_has_a_fresh_session_key_and_fresh_randomness()
    {
        byte[] first = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, [], []);
        byte[] second = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, [], []);

        Assert.NotEqual(
            _privateKey.Decrypt(first[38..294], RSAEncryptionPadding.OaepSHA256),
            _privateKey.Decrypt(second[38..294], RSAEncryptionPadding.OaepSHA256));
        Assert.NotEqual(first[308..340], second[308..340]);
    }

    [Fact]
    public void Encrypt_refuses_a_bad_thumbprint_or_a_key_that_is_not_rsa_2048()
    {
        Assert.Throws<ArgumentException>(() => MosipEnvelope.Encrypt(_publicKey, new byte[31], _data, [], []));
        Assert.Throws<ArgumentException>(() => MosipEnvelope.Encrypt(_publicKey, new byte[33], _data, [], []));
        Assert.Throws<ArgumentNullException>(() => MosipEnvelope.Encrypt(null!, EnvelopeTestKeys.Thumbprint, _data, [], []));
        using RSA rsa3072 = RSA.Create(3072);
        Assert.Throws<ArgumentException>(() => MosipEnvelope.Encrypt(rsa3072, EnvelopeTestKeys.Thumbprint, _data, [], []));
    }

    [Fact]
    public void Salts_of_unusual_lengths_work()
    {
        foreach (int saltLength in new[] { 1, 8, 64, 128, 129, 300 })
        {
            byte[] salt = Bytes.Random(new Random(saltLength), saltLength);
            byte[] envelope = MosipEnvelope.Encrypt(_publicKey, EnvelopeTestKeys.Thumbprint, _data, salt, []);
            Assert.True(MosipEnvelope.TryDecrypt(envelope, MosipEnvelopeInteropTests.UnwrapWith(_privateKey), salt, [], out byte[] plaintext));
            Assert.Equal(_data, plaintext);
        }
    }
}
