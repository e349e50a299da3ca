using System.Security.Cryptography;
using System.Text;
using Kavach.Crypto.Jose;
using static Kavach.Crypto.Tests.Jose.JwsTokens;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Everything JWS verification must refuse: tampering, truncation, alg confusion, crit, malformed text.</summary>
public sealed class JwsRejectionTests
{
    public static TheoryData<JwsAlgorithm> Algorithms => JoseTestKeys.AllAlgorithms;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_flipped_bit_in_header_payload_or_signature_fails(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg).Add("kid", "k"), Payload.AsSpan(0, 12), b64: true, includePayload: true, key.Signer);
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.True(Verifies(token, verificationKey));

        string[] parts = token.Split('.');
        for (int part = 0; part < 3; part++)
        {
            byte[] decoded = B64.FromUrl(parts[part]);
            for (int bit = 0; bit < decoded.Length * 8; bit++)
            {
                byte[] flipped = (byte[])decoded.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                string[] tampered = (string[])parts.Clone();
                tampered[part] = B64.Url(flipped);
                Assert.False(Verifies(string.Join('.', tampered), verificationKey), $"part {part}, bit {bit}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_changed_character_and_every_truncation_fails(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg), Payload.AsSpan(0, 5), b64: true, includePayload: true, key.Signer);
        using JwsVerificationKey verificationKey = key.VerificationKey();

        for (int i = 0; i < token.Length; i++)
        {
            // Flipping the low bits of a character also reaches the unused trailing bits of each part,
            // which a lax decoder would ignore.
            for (int bit = 0; bit < 7; bit++)
            {
                char[] chars = token.ToCharArray();
                chars[i] = (char)(chars[i] ^ (1 << bit));
                Assert.False(Verifies(new string(chars), verificationKey), $"char {i}, bit {bit}");
            }

            Assert.False(Verifies(token[..i], verificationKey), $"prefix {i}");
        }

        Assert.False(Verifies(token + "A", verificationKey));
        Assert.False(Verifies(token + "=", verificationKey));
        Assert.False(Verifies(token + ".", verificationKey));
        Assert.False(Verifies(" " + token, verificationKey));
    }

    [Fact]
    public void Refuses_tokens_whose_alg_does_not_match_the_key_kind()
    {
        string rs256 = SignWith(JwsAlgorithm.RS256);
        string es256 = SignWith(JwsAlgorithm.ES256);
        string es256k = SignWith(JwsAlgorithm.ES256K);
        string eddsa = SignWith(JwsAlgorithm.EdDSA);

        using JwsVerificationKey rsa = JoseTestKeys.For(JwsAlgorithm.RS256).VerificationKey();
        using JwsVerificationKey p256 = JoseTestKeys.For(JwsAlgorithm.ES256).VerificationKey();
        using JwsVerificationKey k1 = JoseTestKeys.For(JwsAlgorithm.ES256K).VerificationKey();
        using JwsVerificationKey ed = JoseTestKeys.For(JwsAlgorithm.EdDSA).VerificationKey();

        Assert.False(Verifies(rs256, p256));
        Assert.False(Verifies(rs256, k1));
        Assert.False(Verifies(rs256, ed));
        Assert.False(Verifies(es256, rsa));
        Assert.False(Verifies(es256, k1));
        Assert.False(Verifies(es256k, p256));
        Assert.False(Verifies(eddsa, rsa));
        Assert.False(Verifies(eddsa, p256));
    }

    [Fact]
    public void Refuses_a_relabelled_alg_even_with_a_key_of_the_right_kind()
    {
        // Same RSA key, PKCS#1 signature, header claiming PS256 (and the reverse, and P-256 relabelled as K1).
        Assert.False(Verifies(Relabel(SignWith(JwsAlgorithm.RS256), "PS256"), JoseTestKeys.For(JwsAlgorithm.PS256).VerificationKey()));
        Assert.False(Verifies(Relabel(SignWith(JwsAlgorithm.PS256), "RS256"), JoseTestKeys.For(JwsAlgorithm.RS256).VerificationKey()));
        Assert.False(Verifies(Relabel(SignWith(JwsAlgorithm.ES256), "ES256K"), JoseTestKeys.For(JwsAlgorithm.ES256).VerificationKey()));
    }

    [Fact]
    public void Refuses_hmac_keyed_with_the_public_key()
    {
        // The classic confusion: HS256 with the verifier's public key bytes as the HMAC secret.
        JoseTestKey rsaKey = JoseTestKeys.For(JwsAlgorithm.RS256);
        foreach (string alg in new[] { "HS256", "HS384", "HS512" })
        {
            string signingInput = B64.Url($$"""{"alg":"{{alg}}"}""") + "." + B64.Url(Payload);
            byte[] mac = HMACSHA256.HashData(Encoding.ASCII.GetBytes(rsaKey.PublicPem), Encoding.ASCII.GetBytes(signingInput));
            using JwsVerificationKey key = rsaKey.VerificationKey();
            Assert.False(Verifies(signingInput + "." + B64.Url(mac), key));
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("rs256")]
    [InlineData("RS384")]
    [InlineData("ES384")]
    [InlineData("Ed25519")]
    [InlineData("")]
    public void Refuses_none_and_every_other_alg(string alg)
    {
        using JwsVerificationKey key = JoseTestKeys.For(JwsAlgorithm.RS256).VerificationKey();
        string unsigned = B64.Url($$"""{"alg":"{{alg}}"}""") + "." + B64.Url(Payload);

        Assert.False(Verifies(unsigned + ".", key));
        Assert.False(Verifies(unsigned + "." + B64.Url(JoseTestKeys.For(JwsAlgorithm.RS256).Signer(Encoding.ASCII.GetBytes(unsigned))), key));
        Assert.False(Verifies(B64.Url("""{"kid":"k"}""") + "." + B64.Url(Payload) + ".", key));
    }

    [Fact]
    public void Refuses_critical_members_it_does_not_understand_and_b64_outside_crit()
    {
        JoseTestKey key = JoseTestKeys.For(JwsAlgorithm.ES256);
        using JwsVerificationKey verificationKey = key.VerificationKey();

        Assert.False(Verifies(SignedRawHeader(key, """{"alg":"ES256","b64":false}""", raw: true), verificationKey));
        Assert.False(Verifies(SignedRawHeader(key, """{"alg":"ES256","b64":false,"crit":["b64","exp"],"exp":1}""", raw: true), verificationKey));
        Assert.False(Verifies(SignedRawHeader(key, """{"alg":"ES256","crit":["exp"],"exp":1}""", raw: false), verificationKey));
        Assert.False(Verifies(SignedRawHeader(key, """{"alg":"ES256","crit":["b64"]}""", raw: false), verificationKey));

        // Consistent forms are accepted: b64 true and critical, or b64 false and critical.
        Assert.True(Verifies(SignedRawHeader(key, """{"alg":"ES256","b64":true,"crit":["b64"]}""", raw: false), verificationKey));
        Assert.True(Verifies(SignedRawHeader(key, """{"crit":["b64"],"b64":false,"alg":"ES256"}""", raw: true), verificationKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.AAAA.AAAA")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9=.e30.AAAA")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.AAAA=")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.AA AA")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.AA+/")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.A")]
    [InlineData("bm90IGpzb24.e30.AAAA")]
    [InlineData("W10.e30.AAAA")]
    [InlineData(".e30.AAAA")]
    [InlineData("\u00e9\u00e9.e30.AAAA")]
    public void TryParse_refuses_malformed_compact_text(string? compact)
    {
        Assert.False(JwsCompact.TryParse(compact, out JwsParts? parts));
        Assert.Null(parts);
    }

    [Fact]
    public void Parses_garbage_without_throwing()
    {
        var random = new Random(7);
        using JwsVerificationKey key = JoseTestKeys.For(JwsAlgorithm.ES256).VerificationKey();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \u00e9\0";
        for (int i = 0; i < 2000; i++)
        {
            char[] chars = new char[random.Next(0, 80)];
            for (int j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            Assert.False(Verifies(new string(chars), key));
        }
    }

    [Fact]
    public void Payload_part_with_a_lone_surrogate_is_refused_not_thrown()
    {
        JoseTestKey key = JoseTestKeys.For(JwsAlgorithm.EdDSA);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", "EdDSA").Add("b64", false).Add("crit", ["b64"]), Payload, false, false, key.Signer);
        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        using JwsVerificationKey verificationKey = key.VerificationKey();

        JwsParts bad = jws.WithPayloadPart("abc\ud800");
        Assert.False(JwsCompact.Verify(bad, verificationKey));
        Assert.False(bad.TryGetPayload(out _));
        Assert.False(JwsCompact.Verify(Parse(SignWith(JwsAlgorithm.EdDSA)).WithPayloadPart("ab=c"), verificationKey));
    }

}
