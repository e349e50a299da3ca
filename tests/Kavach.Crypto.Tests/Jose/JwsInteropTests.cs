using System.Formats.Asn1;
using System.Text;
using Kavach.Crypto.Jose;
using Kavach.Crypto.Tests.TestSupport;

namespace Kavach.Crypto.Tests.Jose;

/// <summary>Our JWS against python-jwcrypto (both directions) and the openssl CLI.</summary>
public sealed class JwsInteropTests
{
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("""{"iss":"kavach","name":"Zoë","amount":"12,50"}""");

    [Fact]
    public void Jwcrypto_verifies_every_form_we_sign()
    {
        var cases = new List<(string Label, JwsCheck Check)>();
        foreach (JwsAlgorithm algorithm in Enum.GetValues<JwsAlgorithm>())
        {
            JoseTestKey key = JoseTestKeys.For(algorithm);
            var plain = new JoseHeader().Add("alg", key.Alg).Add("kid", "kid-" + key.Alg);
            string attached = JwsCompact.Sign(plain, Payload, b64: true, includePayload: true, key.Signer);
            string detached = JwsCompact.Sign(plain, Payload, b64: true, includePayload: false, key.Signer);
            var unencodedHeader = new JoseHeader().Add("alg", key.Alg).Add("b64", false).Add("crit", ["b64"]).Add("kid", "k");
            string unencodedDetached = JwsCompact.Sign(unencodedHeader, Payload, b64: false, includePayload: false, key.Signer);
            string unencodedAttached = JwsCompact.Sign(unencodedHeader, Payload, b64: false, includePayload: true, key.Signer);

            cases.Add(($"{key.Alg} attached", new JwsCheck(key.PublicPem, attached)));
            cases.Add(($"{key.Alg} detached", new JwsCheck(key.PublicPem, detached, Payload)));
            cases.Add(($"{key.Alg} b64=false detached", new JwsCheck(key.PublicPem, unencodedDetached, Payload, B64: false)));

            // MOSIP's quirk: part 1 is base64url, the signature covers the raw payload, so hand jwcrypto the raw payload.
            cases.Add(($"{key.Alg} b64=false attached", new JwsCheck(key.PublicPem, unencodedAttached, Payload, B64: false)));
        }

        ToolVerdict[] verdicts = Jwcrypto.VerifyJws(cases.Select(c => c.Check).ToList());

        for (int i = 0; i < cases.Count; i++)
        {
            Assert.True(verdicts[i].Ok, $"{cases[i].Label}: {verdicts[i].Detail}");
            Assert.Equal(Payload, verdicts[i].Value);
        }
    }

    [Fact]
    public void Jwcrypto_rejects_what_we_sign_when_tampered_or_checked_with_another_key()
    {
        // Guards the helper itself: it must be able to say no.
        var cases = new List<JwsCheck>();
        foreach (JwsAlgorithm algorithm in Enum.GetValues<JwsAlgorithm>())
        {
            JoseTestKey key = JoseTestKeys.For(algorithm);
            string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg), Payload, true, true, key.Signer);
            cases.Add(new JwsCheck(JoseTestKeys.Other(algorithm).PublicPem, token));
            cases.Add(new JwsCheck(key.PublicPem, token, [.. Payload, 0x20]));
        }

        Assert.All(Jwcrypto.VerifyJws(cases), v => Assert.False(v.Ok));
    }

    [Fact]
    public void We_verify_what_jwcrypto_signs()
    {
        var requests = new List<(string PrivatePem, string ProtectedJson, byte[] Payload)>();
        foreach (JwsAlgorithm algorithm in Enum.GetValues<JwsAlgorithm>())
        {
            JoseTestKey key = JoseTestKeys.For(algorithm);
            requests.Add((key.PrivatePem, $$"""{"alg":"{{key.Alg}}","kid":"py"}""", Payload));
            requests.Add((key.PrivatePem, $$"""{"alg":"{{key.Alg}}","b64":false,"crit":["b64"]}""", Payload));
        }

        string[] tokens = Jwcrypto.SignJws(requests);

        for (int i = 0; i < tokens.Length; i++)
        {
            JwsAlgorithm algorithm = Enum.GetValues<JwsAlgorithm>()[i / 2];
            using JwsVerificationKey key = JoseTestKeys.For(algorithm).VerificationKey();
            using JwsVerificationKey other = JoseTestKeys.Other(algorithm).VerificationKey();
            Assert.True(JwsCompact.TryParse(tokens[i], out JwsParts? parts), tokens[i]);
            Assert.Equal(algorithm.ToHeaderName(), parts.Header.Alg);
            Assert.True(JwsCompact.Verify(parts, key), tokens[i]);
            Assert.False(JwsCompact.Verify(parts, other));
            Assert.True(parts.TryGetPayload(out byte[]? payload));
            Assert.Equal(Payload, payload);

            // The same signature as a detached token, and with MOSIP's actualData replacing part 1.
            JwsParts detached = parts.WithPayloadPart(string.Empty);
            Assert.True(JwsCompact.VerifyDetached(detached, Payload, key));
            Assert.False(JwsCompact.Verify(detached, key));
            Assert.True(JwsCompact.Verify(detached.WithPayloadPart(parts.EncodedPayload), key));
            Assert.Equal(i % 2 == 1 ? Encoding.UTF8.GetString(Payload) : B64.Url(Payload), parts.EncodedPayload);
        }
    }

    [Theory]
    [InlineData(JwsAlgorithm.RS256)]
    [InlineData(JwsAlgorithm.PS256)]
    [InlineData(JwsAlgorithm.ES256)]
    [InlineData(JwsAlgorithm.ES256K)]
    public void Openssl_dgst_verifies_our_signature_over_the_signing_input(JwsAlgorithm algorithm)
    {
        JoseTestKey key = JoseTestKeys.For(algorithm);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", key.Alg).Add("kid", "ossl"), Payload, true, true, key.Signer);
        string[] parts = token.Split('.');
        byte[] signature = B64.FromUrl(parts[2]);
        if (algorithm is JwsAlgorithm.ES256 or JwsAlgorithm.ES256K)
        {
            signature = P1363ToDer(signature);
        }

        using var directory = new TempDirectory();
        string publicKey = directory.Write("pub.pem", Encoding.ASCII.GetBytes(key.PublicPem));
        string input = directory.Write("input.bin", Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        string wrongInput = directory.Write("wrong.bin", Encoding.ASCII.GetBytes(parts[0] + "." + parts[1] + "A"));
        string signatureFile = directory.Write("sig.der", signature);
        string[] pss = algorithm == JwsAlgorithm.PS256
            ? ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-sigopt", "rsa_mgf1_md:sha256"]
            : [];

        ToolResult good = ExternalTool.OpenSsl(["dgst", "-sha256", .. pss, "-verify", publicKey, "-signature", signatureFile, input]);
        ToolResult bad = ExternalTool.OpenSsl(["dgst", "-sha256", .. pss, "-verify", publicKey, "-signature", signatureFile, wrongInput]);

        Assert.True(good.ExitCode == 0, good.StandardOutput + good.StandardError);
        Assert.Contains("Verified OK", good.StandardOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
    }

    [Fact]
    public void Openssl_pkeyutl_verifies_our_ed25519_signature_over_the_signing_input()
    {
        JoseTestKey key = JoseTestKeys.For(JwsAlgorithm.EdDSA);
        string token = JwsCompact.Sign(new JoseHeader().Add("alg", "EdDSA").Add("b64", false).Add("crit", ["b64"]), Payload, false, false, key.Signer);
        string[] parts = token.Split('.');

        using var directory = new TempDirectory();
        string publicKey = directory.Write("pub.pem", Encoding.ASCII.GetBytes(key.PublicPem));
        string input = directory.Write("input.bin", [.. Encoding.ASCII.GetBytes(parts[0] + "."), .. Payload]);
        string signatureFile = directory.Write("sig.bin", B64.FromUrl(parts[2]));

        ToolResult result = ExternalTool.OpenSsl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin", "-in", input, "-sigfile", signatureFile);

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("Signature Verified Successfully", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void We_verify_an_ecdsa_signature_openssl_made_over_our_signing_input()
    {
        JoseTestKey key = JoseTestKeys.For(JwsAlgorithm.ES256);
        string signingInput = B64.Url("""{"alg":"ES256"}""") + "." + B64.Url(Payload);

        using var directory = new TempDirectory();
        string privateKey = directory.Write("key.pem", Encoding.ASCII.GetBytes(key.PrivatePem));
        string input = directory.Write("input.bin", Encoding.ASCII.GetBytes(signingInput));
        string signatureFile = directory.PathOf("sig.der");
        ToolResult result = ExternalTool.OpenSsl("dgst", "-sha256", "-sign", privateKey, "-out", signatureFile, input);
        Assert.True(result.ExitCode == 0, result.StandardError);

        string token = signingInput + "." + B64.Url(DerToP1363(File.ReadAllBytes(signatureFile)));
        Assert.True(JwsCompact.TryParse(token, out JwsParts? parts));
        using JwsVerificationKey verificationKey = key.VerificationKey();
        Assert.True(JwsCompact.Verify(parts, verificationKey));
    }

    // Written with System.Formats.Asn1 so the conversion shares nothing with the code under test.
    private static byte[] P1363ToDer(byte[] signature)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(signature.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(signature.AsSpan(32, 32));
        }

        return writer.Encode();
    }

    private static byte[] DerToP1363(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        byte[] output = new byte[64];
        foreach (int offset in new[] { 0, 32 })
        {
            ReadOnlySpan<byte> value = reader.ReadIntegerBytes().Span;
            value = value.Length > 32 ? value[^32..] : value;
            value.CopyTo(output.AsSpan(offset + 32 - value.Length));
        }

        return output;
    }
}
