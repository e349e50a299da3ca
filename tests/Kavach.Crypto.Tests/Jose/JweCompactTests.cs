using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

public sealed class JweCompactTests
{
    private const string BasicHeader = """{"alg":"RSA-OAEP-256","enc":"A256GCM"}""";
    private const string DefHeader = """{"alg":"RSA-OAEP-256","enc":"A256GCM","zip":"DEF"}""";

    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("""{"name":"Zoë","id":"1234567890"}""", 20)));

    private static RSA Key => JoseTestKeys.RsaKey;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Round_trips_and_has_the_rfc_7516_layout(bool deflate)
    {
        JoseHeader header = MosipHeader(deflate, "kid-1");

        string token = JweCompact.Encrypt(header, Plaintext, Key, deflate);

        string[] parts = token.Split('.');
        Assert.Equal(5, parts.Length);
        Assert.Equal(
            deflate
                ? """{"cty":"JWT","typ":"JWT","alg":"RSA-OAEP-256","enc":"A256GCM","kid":"kid-1","zip":"DEF"}"""
                : """{"cty":"JWT","typ":"JWT","alg":"RSA-OAEP-256","enc":"A256GCM","kid":"kid-1"}""",
            B64.Utf8(parts[0]));
        Assert.Equal(256, B64.FromUrl(parts[1]).Length);
        Assert.Equal(12, B64.FromUrl(parts[2]).Length);
        Assert.Equal(16, B64.FromUrl(parts[4]).Length);
        if (deflate)
        {
            Assert.True(B64.FromUrl(parts[3]).Length < Plaintext.Length / 4);
        }
        else
        {
            Assert.Equal(Plaintext.Length, B64.FromUrl(parts[3]).Length);
        }

        Assert.True(Decrypt(token, out ParsedJoseHeader? parsed, out byte[] plaintext));
        Assert.Equal(Plaintext, plaintext);
        Assert.Equal("kid-1", parsed.Kid);
        Assert.Equal(deflate ? "DEF" : null, parsed.Zip);
    }

    [Fact]
    public void Decryption_is_independent_of_our_encryptor_for_hand_made_tokens()
    {
        Assert.True(Decrypt(HandMadeJwe.Build(BasicHeader, Plaintext, Key), out _, out byte[] plain));
        Assert.Equal(Plaintext, plain);

        Assert.True(Decrypt(HandMadeJwe.Build(DefHeader, HandMadeJwe.RawDeflate(Plaintext), Key), out _, out byte[] inflated));
        Assert.Equal(Plaintext, inflated);
    }

    [Fact]
    public void Writes_the_full_mosip_header_in_order_and_uses_its_encoding_as_aad()
    {
        var header = new JoseHeader()
            .Add("cty", "JWT").Add("typ", "JWT").Add("alg", "RSA-OAEP-256").Add("enc", "A256GCM").Add("kid", "abc")
            .Add("zip", "DEF").Add("x5c", ["AAEC"]).Add("x5t#S256", "abc").Add("jku", "https://example.org/jwks");

        string token = JweCompact.Encrypt(header, Plaintext, Key, deflate: true);

        string[] parts = token.Split('.');
        Assert.Equal(
            """{"cty":"JWT","typ":"JWT","alg":"RSA-OAEP-256","enc":"A256GCM","kid":"abc","zip":"DEF","x5c":["AAEC"],"x5t#S256":"abc","jku":"https://example.org/jwks"}""",
            B64.Utf8(parts[0]));

        // Open it with the framework's AES-GCM: AAD is the ASCII of part 0, the CEK is RSA-OAEP-256 wrapped.
        byte[] cek = Key.Decrypt(B64.FromUrl(parts[1]), RSAEncryptionPadding.OaepSHA256);
        byte[] ciphertext = B64.FromUrl(parts[3]);
        byte[] compressed = new byte[ciphertext.Length];
        using (var gcm = new AesGcm(cek, 16))
        {
            gcm.Decrypt(B64.FromUrl(parts[2]), ciphertext, B64.FromUrl(parts[4]), compressed, Encoding.ASCII.GetBytes(parts[0]));
        }

        using var inflate = new System.IO.Compression.DeflateStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var result = new MemoryStream();
        inflate.CopyTo(result);
        Assert.Equal(Plaintext, result.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100_000)]
    public void Round_trips_empty_and_large_plaintexts(int size)
    {
        byte[] data = RandomNumberGenerator.GetBytes(size);
        foreach (bool deflate in new[] { false, true })
        {
            string token = JweCompact.Encrypt(MosipHeader(deflate, "k"), data, Key, deflate);
            Assert.True(Decrypt(token, out _, out byte[] plaintext));
            Assert.Equal(data, plaintext);
        }
    }

    [Fact]
    public void Each_encryption_uses_a_fresh_key_and_iv()
    {
        string first = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false);
        string second = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false);

        Assert.NotEqual(first.Split('.')[2], second.Split('.')[2]);
        Assert.NotEqual(
            Key.Decrypt(B64.FromUrl(first.Split('.')[1]), RSAEncryptionPadding.OaepSHA256),
            Key.Decrypt(B64.FromUrl(second.Split('.')[1]), RSAEncryptionPadding.OaepSHA256));
    }

    [Fact]
    public void Header_can_be_read_before_choosing_the_key()
    {
        string token = JweCompact.Encrypt(MosipHeader(true, "the-kid"), Plaintext, Key, true);

        Assert.True(JweCompact.TryReadHeader(token, out ParsedJoseHeader? header));
        Assert.Equal("the-kid", header.Kid);
        Assert.Equal(["cty", "typ", "alg", "enc", "kid", "zip"], header.MemberNames);
        Assert.False(JweCompact.TryReadHeader(token + ".x", out _));
        Assert.False(JweCompact.TryReadHeader(token[..token.LastIndexOf('.')], out _));
        Assert.False(JweCompact.TryReadHeader("e30.a.b.c", out _));
        Assert.False(JweCompact.TryReadHeader(null, out _));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_flipped_bit_in_any_part_fails(bool deflate)
    {
        string token = JweCompact.Encrypt(MosipHeader(deflate, "k"), Plaintext.AsSpan(0, 40), Key, deflate);
        Assert.True(Decrypt(token, out _, out _));

        string[] parts = token.Split('.');
        for (int part = 0; part < 5; part++)
        {
            byte[] decoded = B64.FromUrl(parts[part]);
            for (int bit = 0; bit < decoded.Length * 8; bit++)
            {
                byte[] flipped = (byte[])decoded.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                string[] tampered = (string[])parts.Clone();
                tampered[part] = B64.Url(flipped);
                Assert.False(Decrypt(string.Join('.', tampered), out ParsedJoseHeader? header, out byte[] plaintext), $"part {part}, bit {bit}");
                Assert.Null(header);
                Assert.Empty(plaintext);
            }
        }
    }

    [Fact]
    public void Every_changed_character_and_every_truncation_fails()
    {
        string token = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext.AsSpan(0, 3), Key, false);
        string[] parts = token.Split('.');

        // Character flips everywhere except the 342-character key, whose bit flips the test above covers.
        int keyStart = parts[0].Length + 1;
        int keyEnd = keyStart + parts[1].Length;
        for (int i = 0; i < token.Length; i++)
        {
            if (i > keyStart + 2 && i < keyEnd - 2)
            {
                continue;
            }

            for (int bit = 0; bit < 7; bit++)
            {
                char[] chars = token.ToCharArray();
                chars[i] = (char)(chars[i] ^ (1 << bit));
                Assert.False(Decrypt(new string(chars), out _, out _), $"char {i}, bit {bit}");
            }
        }

        for (int length = 0; length < token.Length; length++)
        {
            Assert.False(Decrypt(token[..length], out _, out _), $"prefix {length}");
        }

        Assert.False(Decrypt(token + "A", out _, out _));
        Assert.False(Decrypt(token + ".", out _, out _));
        Assert.False(Decrypt(token + "=", out _, out _));
    }

    [Fact]
    public void Wrong_private_key_fails()
    {
        string token = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false);

        Assert.False(JweCompact.TryDecrypt(token, ek => JoseTestKeys.OtherRsaKey.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), out _, out byte[] plaintext));
        Assert.Empty(plaintext);
    }

    [Fact]
    public void Unwrap_failures_of_every_kind_give_the_same_false()
    {
        string token = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false);
        byte[] expectedKey = B64.FromUrl(token.Split('.')[1]);
        byte[]? seen = null;

        Assert.True(JweCompact.TryDecrypt(token, ek =>
        {
            seen = ek;
            return Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256);
        }, out _, out _));
        Assert.Equal(expectedKey, seen);

        Assert.False(JweCompact.TryDecrypt(token, _ => null, out _, out _));
        Assert.False(JweCompact.TryDecrypt(token, _ => throw new CryptographicException("nope"), out _, out _));
        Assert.False(JweCompact.TryDecrypt(token, _ => new byte[32], out _, out _));
        Assert.False(JweCompact.TryDecrypt(token, ek => Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256)[..16], out _, out _));
        Assert.False(JweCompact.TryDecrypt(token, ek => [.. Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), 0], out _, out _));
        Assert.False(JweCompact.TryDecrypt(token, ek => Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA1), out _, out _));
    }

    [Fact]
    public void Wipes_the_cek_the_unwrapper_returned()
    {
        string token = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false);
        byte[]? returned = null;

        Assert.True(JweCompact.TryDecrypt(token, ek => returned = Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), out _, out _));

        Assert.Equal(new byte[32], returned);
    }

    [Fact]
    public void Faults_other_than_crypto_failures_propagate()
    {
        string token = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false);

        Assert.Throws<InvalidOperationException>(() => JweCompact.TryDecrypt(token, _ => throw new InvalidOperationException("vault down"), out _, out _));
    }

    [Theory]
    [InlineData("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")]
    [InlineData("""{"alg":"RSA1_5","enc":"A256GCM"}""")]
    [InlineData("""{"alg":"dir","enc":"A256GCM"}""")]
    [InlineData("""{"alg":"rsa-oaep-256","enc":"A256GCM"}""")]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A128GCM"}""")]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256CBC-HS512"}""")]
    [InlineData("""{"alg":"RSA-OAEP-256"}""")]
    [InlineData("""{"enc":"A256GCM"}""")]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM","zip":"GZIP"}""")]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM","zip":"def"}""")]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM","crit":["exp"],"exp":1}""")]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM","alg":"RSA-OAEP-256"}""")]
    [InlineData("""["RSA-OAEP-256","A256GCM"]""")]
    public void Refuses_any_other_algorithm_compression_or_critical_member(string headerJson)
    {
        // The tokens are otherwise perfectly decryptable, which isolates the header check.
        Assert.False(Decrypt(HandMadeJwe.Build(headerJson, Plaintext, Key), out _, out _));
    }

    [Fact]
    public void Refuses_wrong_iv_and_cek_sizes_even_when_the_rest_is_consistent()
    {
        Assert.False(Decrypt(HandMadeJwe.Build(BasicHeader, Plaintext, Key, ivSize: 16), out _, out _));
        Assert.False(Decrypt(HandMadeJwe.Build(BasicHeader, Plaintext, Key, ivSize: 8), out _, out _));
        Assert.False(Decrypt(HandMadeJwe.BuildWithCek(BasicHeader, Plaintext, Key, RandomNumberGenerator.GetBytes(16)), out _, out _));
        Assert.False(Decrypt(HandMadeJwe.BuildWithCek(BasicHeader, Plaintext, Key, RandomNumberGenerator.GetBytes(24)), out _, out _));
        Assert.True(Decrypt(HandMadeJwe.BuildWithCek(BasicHeader, Plaintext, Key, RandomNumberGenerator.GetBytes(32)), out _, out _));
    }

    [Fact]
    public void Refuses_zip_def_content_that_is_not_deflate()
    {
        Assert.False(Decrypt(HandMadeJwe.Build(DefHeader, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Key), out _, out _));
        Assert.False(Decrypt(HandMadeJwe.Build(DefHeader, [0x78, 0x9C, .. HandMadeJwe.RawDeflate(Plaintext)], Key), out _, out _));
    }

    [Fact]
    public void Stops_a_zip_bomb_at_sixteen_mebibytes()
    {
        byte[] atLimit = new byte[JweCompact.MaxDecompressedSize];
        byte[] overLimit = new byte[JweCompact.MaxDecompressedSize + 1];
        Assert.Equal(16 * 1024 * 1024, JweCompact.MaxDecompressedSize);

        string fits = HandMadeJwe.Build(DefHeader, HandMadeJwe.RawDeflate(atLimit), Key);
        string bomb = HandMadeJwe.Build(DefHeader, HandMadeJwe.RawDeflate(overLimit), Key);
        Assert.True(bomb.Length < 64 * 1024, "the bomb should be small");

        Assert.True(Decrypt(fits, out _, out byte[] plaintext));
        Assert.Equal(atLimit.Length, plaintext.Length);
        Assert.False(Decrypt(bomb, out _, out byte[] none));
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("....")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e.f")]
    [InlineData("eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0.AAAA.AAAAAAAAAAAAAAAA..AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIn0..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a token at all")]
    public void Refuses_malformed_tokens(string? token)
    {
        Assert.False(JweCompact.TryDecrypt(token, _ => null, out ParsedJoseHeader? header, out byte[] plaintext));
        Assert.Null(header);
        Assert.Empty(plaintext);
    }

    [Fact]
    public void Does_not_call_the_unwrapper_for_a_structurally_broken_token()
    {
        string[] parts = JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, false).Split('.');
        string[] broken =
        [
            string.Join('.', parts[..4]),
            string.Join('.', parts[0], string.Empty, parts[2], parts[3], parts[4]),
            string.Join('.', parts[0], parts[1], parts[2] + "AA", parts[3], parts[4]),
            string.Join('.', parts[0], parts[1], parts[2], parts[3], parts[4][..^2]),
            string.Join('.', parts[0], parts[1] + "=", parts[2], parts[3], parts[4]),
        ];

        foreach (string token in broken)
        {
            Assert.False(JweCompact.TryDecrypt(token, _ => throw new InvalidOperationException("must not be called"), out _, out _));
        }
    }

    [Fact]
    public void A_jws_is_not_a_jwe()
    {
        JoseTestKey key = JoseTestKeys.For(JwsAlgorithm.RS256);
        string jws = JwsCompact.Sign(new JoseHeader().Add("alg", "RS256"), Plaintext, true, true, key.Signer);

        Assert.False(Decrypt(jws, out _, out _));
        Assert.False(JweCompact.TryReadHeader(jws, out _));
    }

    [Fact]
    public void Encrypt_refuses_headers_that_contradict_the_arguments_and_short_keys()
    {
        using RSA shortKey = RSA.Create(1024);

        Assert.Throws<ArgumentException>(() => JweCompact.Encrypt(new JoseHeader().Add("alg", "RSA-OAEP").Add("enc", "A256GCM"), Plaintext, Key, false));
        Assert.Throws<ArgumentException>(() => JweCompact.Encrypt(new JoseHeader().Add("alg", "RSA-OAEP-256").Add("enc", "A128GCM"), Plaintext, Key, false));
        Assert.Throws<ArgumentException>(() => JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, Key, deflate: true));
        Assert.Throws<ArgumentException>(() => JweCompact.Encrypt(MosipHeader(true, "k"), Plaintext, Key, deflate: false));
        Assert.Throws<ArgumentException>(() => JweCompact.Encrypt(new JoseHeader().Add("alg", "RSA-OAEP-256").Add("enc", "A256GCM").Add("zip", "GZIP"), Plaintext, Key, true));
        Assert.Throws<ArgumentException>(() => JweCompact.Encrypt(MosipHeader(false, "k"), Plaintext, shortKey, false));
    }

    internal static JoseHeader MosipHeader(bool deflate, string kid)
    {
        var header = new JoseHeader().Add("cty", "JWT").Add("typ", "JWT").Add("alg", "RSA-OAEP-256").Add("enc", "A256GCM").Add("kid", kid);
        return deflate ? header.Add("zip", "DEF") : header;
    }

    private static bool Decrypt(string? token, [NotNullWhen(true)] out ParsedJoseHeader? header, out byte[] plaintext) =>
        JweCompact.TryDecrypt(token, ek => Key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), out header, out plaintext);
}
