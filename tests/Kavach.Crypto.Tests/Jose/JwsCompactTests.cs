using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>The forms of JWS we sign (attached, detached, RFC 7797, MOSIP's quirk) and how each verifies.</summary>
public sealed class JwsCompactTests
{
    private static readonly byte[] Payload = JwsTokens.Payload;

    public static TheoryData<JwsAlgorithm> Algorithms => JoseTestKeys.AllAlgorithms;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Attached_token_has_the_rfc_7515_layout_and_verifies(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        byte[]? seenInput = null;
        var header = new JoseHeader().Add("alg", key.Alg).Add("kid", "k-1");

        string token = JwsCompact.Sign(header, Payload, b64: true, includePayload: true, input =>
        {
            seenInput = input;
            return key.Signer(input);
        });

        string[] parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Equal($$"""{"alg":"{{key.Alg}}","kid":"k-1"}""", B64.Utf8(parts[0]));
        Assert.Equal(B64.Url(Payload), parts[1]);
        Assert.Equal(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), seenInput);
        Assert.Equal(JwsTokens.ExpectedSignatureLength(algorithm), B64.FromUrl(parts[2]).Length);

        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        Assert.Equal(parts[0], jws.EncodedHeader);
        Assert.Equal(parts[1], jws.EncodedPayload);
        Assert.Equal(B64.FromUrl(parts[2]), jws.Signature.ToArray());
        Assert.False(jws.IsDetached);
        Assert.True(jws.TryGetPayload(out byte[]? payload));
        Assert.Equal(Payload, payload);
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.True(JwsCompact.Verify(jws, verificationKey));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Detached_token_verifies_only_with_its_payload(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg), Payload, b64: true, includePayload: false, key.Signer);

        Assert.Equal(string.Empty, token.Split('.')[1]);
        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        Assert.True(jws.IsDetached);
        Assert.False(jws.TryGetPayload(out _));
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.False(JwsCompact.Verify(jws, verificationKey));
        Assert.True(JwsCompact.VerifyDetached(jws, Payload, verificationKey));
        Assert.False(JwsCompact.VerifyDetached(jws, Payload.AsSpan(1), verificationKey));

        // MOSIP's jwtVerify: actualData (base64url for a b64 token) replaces part 1.
        Assert.True(JwsCompact.Verify(jws.WithPayloadPart(B64.Url(Payload)), verificationKey));
        Assert.False(JwsCompact.Verify(jws.WithPayloadPart(B64.Url(Payload) + "A"), verificationKey));
        Assert.False(JwsCompact.Verify(jws.WithPayloadPart(B64.Url(Payload[..^1])), verificationKey));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Unencoded_detached_token_signs_the_raw_payload(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        byte[]? seenInput = null;
        var header = new JoseHeader().Add("alg", key.Alg).Add("b64", false).Add("crit", ["b64"]);

        string token = JwsCompact.Sign(header, Payload, b64: false, includePayload: false, input =>
        {
            seenInput = input;
            return key.Signer(input);
        });

        string[] parts = token.Split('.');
        Assert.Equal($$"""{"alg":"{{key.Alg}}","b64":false,"crit":["b64"]}""", B64.Utf8(parts[0]));
        Assert.Equal(string.Empty, parts[1]);
        Assert.Equal([.. Encoding.ASCII.GetBytes(parts[0] + "."), .. Payload], seenInput!);

        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        Assert.False(jws.Header.B64);
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.True(JwsCompact.VerifyDetached(jws, Payload, verificationKey));

        // MOSIP's jwtVerify with actualData on a b64=false token: part 1 is the payload text itself.
        Assert.True(JwsCompact.Verify(jws.WithPayloadPart(Encoding.UTF8.GetString(Payload)), verificationKey));
        Assert.False(JwsCompact.Verify(jws.WithPayloadPart(B64.Url(Payload)), verificationKey));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Unencoded_attached_token_carries_base64url_in_part_one_as_mosip_does(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        var header = new JoseHeader().Add("alg", key.Alg).Add("b64", false).Add("crit", ["b64"]);

        string token = JwsCompact.Sign(header, Payload, b64: false, includePayload: true, key.Signer);

        // MOSIP jwsSign quirk (spec §3.8 b): base64url in the middle, signature over the raw payload.
        Assert.Equal(B64.Url(Payload), token.Split('.')[1]);
        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.False(JwsCompact.Verify(jws, verificationKey));
        Assert.True(JwsCompact.VerifyDetached(jws, B64.FromUrl(jws.EncodedPayload), verificationKey));
        Assert.True(JwsCompact.Verify(jws.WithPayloadPart(Encoding.UTF8.GetString(Payload)), verificationKey));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Unencoded_token_with_the_raw_payload_in_part_one_verifies_as_rfc_7797_says(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        string encodedHeader = B64.Url($$"""{"alg":"{{key.Alg}}","b64":false,"crit":["b64"]}""");
        string text = "$.02 for ünïcødé";
        byte[] signature = key.Signer(Encoding.UTF8.GetBytes(encodedHeader + "." + text));
        string token = encodedHeader + "." + text + "." + B64.Url(signature);

        Assert.False(JwsCompact.TryParse(token, out _)); // a '.' in the payload cannot travel in compact form

        text = text.Replace('.', ',');
        signature = key.Signer(Encoding.UTF8.GetBytes(encodedHeader + "." + text));
        token = encodedHeader + "." + text + "." + B64.Url(signature);
        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        Assert.True(jws.TryGetPayload(out byte[]? payload));
        Assert.Equal(Encoding.UTF8.GetBytes(text), payload);
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.True(JwsCompact.Verify(jws, verificationKey));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verifies_with_the_key_of_a_certificate(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        using X509Certificate2 certificate = key.Certificate();
        using X509Certificate2 otherCertificate = JoseTestKeys.Other(algorithm).Certificate();
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg), Payload, b64: true, includePayload: true, key.Signer);

        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        Assert.True(JwsCompact.Verify(jws, certificate));
        Assert.False(JwsCompact.Verify(jws, otherCertificate));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Another_key_of_the_same_kind_does_not_verify(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg), Payload, b64: true, includePayload: true, key.Signer);

        Assert.True(JwsCompact.TryParse(token, out JwsParts? jws));
        using JwsVerificationKey other = JoseTestKeys.Other(algorithm).VerificationKey();
        Assert.False(JwsCompact.Verify(jws, other));
    }

    [Fact]
    public void Sign_refuses_headers_that_contradict_the_arguments()
    {
        Func<byte[], byte[]> signer = JoseTestKeys.For(JwsAlgorithm.ES256).Signer;

        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("kid", "k"), Payload, true, true, signer));
        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("alg", "none"), Payload, true, true, signer));
        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("alg", "HS256"), Payload, true, true, signer));
        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("alg", "ES256"), Payload, false, true, signer));
        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("alg", "ES256").Add("b64", false), Payload, false, true, signer));
        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("alg", "ES256").Add("b64", false).Add("crit", ["b64"]), Payload, true, true, signer));
        Assert.Throws<ArgumentException>(() => JwsCompact.Sign(new JoseHeader().Add("alg", "ES256").Add("b64", "false").Add("crit", ["b64"]), Payload, false, true, signer));
    }

    [Fact]
    public void Sign_refuses_a_signer_that_returns_der_ecdsa_or_nothing()
    {
        using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var header = new JoseHeader().Add("alg", "ES256");

        Assert.Throws<CryptographicException>(() =>
            JwsCompact.Sign(header, Payload, true, true, input => key.SignData(input, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));
        Assert.Throws<CryptographicException>(() => JwsCompact.Sign(header, Payload, true, true, _ => []));
        Assert.Throws<CryptographicException>(() => JwsCompact.Sign(header, Payload, true, true, _ => null!));
    }

    [Fact]
    public void Algorithm_names_round_trip_and_are_case_sensitive()
    {
        foreach (JwsAlgorithm algorithm in Enum.GetValues<JwsAlgorithm>())
        {
            Assert.True(JwsAlgorithms.TryParse(algorithm.ToHeaderName(), out JwsAlgorithm parsed));
            Assert.Equal(algorithm, parsed);
        }

        Assert.Equal(["RS256", "PS256", "ES256", "ES256K", "EdDSA"], Enum.GetValues<JwsAlgorithm>().Select(a => a.ToHeaderName()));
        Assert.False(JwsAlgorithms.TryParse("EDDSA", out _));
        Assert.False(JwsAlgorithms.TryParse("es256k", out _));
        Assert.False(JwsAlgorithms.TryParse(null, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((JwsAlgorithm)99).ToHeaderName());
    }
}
