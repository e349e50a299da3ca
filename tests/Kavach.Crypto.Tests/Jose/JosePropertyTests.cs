using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto.Jose;

namespace Kavach.Crypto.Tests.Jose;

public sealed class JosePropertyTests
{
    private static readonly Arbitrary<(byte[] Payload, JwsAlgorithm Algorithm, bool B64, bool Include)> JwsCases =
        (from payload in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
         from algorithm in Gen.Elements(Enum.GetValues<JwsAlgorithm>())
         from b64 in ArbMap.Default.GeneratorFor<bool>()
         from include in ArbMap.Default.GeneratorFor<bool>()
         select (payload, algorithm, b64, include)).ToArbitrary();

    private static readonly Arbitrary<(byte[] Plaintext, bool Deflate, string Kid)> JweCases =
        (from plaintext in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>())
         from deflate in ArbMap.Default.GeneratorFor<bool>()
         from kid in ArbMap.Default.GeneratorFor<string>().Where(k => k is not null && !k.Any(char.IsSurrogate))
         select (plaintext, deflate, kid)).ToArbitrary();

    [Fact]
    public void Jws_round_trips_for_any_payload_algorithm_and_form()
    {
        Prop.ForAll(JwsCases, c =>
        {
            JoseTestKey key = JoseTestKeys.For(c.Algorithm);
            var header = new JoseHeader().Add("alg", key.Alg);
            if (!c.B64)
            {
                header.Add("b64", false).Add("crit", ["b64"]);
            }

            string token = JwsCompact.Sign(header, c.Payload, c.B64, c.Include, key.Signer);
            using JwsVerificationKey verificationKey = key.VerificationKey();
            bool parsed = JwsCompact.TryParse(token, out JwsParts? parts);
            bool detachedOk = parsed && JwsCompact.VerifyDetached(parts!, c.Payload, verificationKey);

            // As received, the token verifies only when part 1 holds what was signed (b64=true and included,
            // or an empty payload): MOSIP's b64=false quirk puts base64url where RFC 7797 expects raw bytes.
            bool asReceived = parsed && JwsCompact.Verify(parts!, verificationKey);
            bool expectAsReceived = c.Payload.Length == 0 || (c.B64 && c.Include);
            bool wrongPayload = parsed && JwsCompact.VerifyDetached(parts!, [.. c.Payload, 1], verificationKey);
            return detachedOk && asReceived == expectAsReceived && !wrongPayload;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
    }

    [Fact]
    public void Jwe_round_trips_for_any_plaintext_and_kid()
    {
        RSA key = JoseTestKeys.RsaKey;
        Prop.ForAll(JweCases, c =>
        {
            var header = new JoseHeader().Add("alg", "RSA-OAEP-256").Add("enc", "A256GCM").Add("kid", c.Kid);
            if (c.Deflate)
            {
                header.Add("zip", "DEF");
            }

            string token = JweCompact.Encrypt(header, c.Plaintext, key, c.Deflate);
            return JweCompact.TryDecrypt(token, ek => key.Decrypt(ek, RSAEncryptionPadding.OaepSHA256), out ParsedJoseHeader? parsed, out byte[] plaintext)
                && plaintext.AsSpan().SequenceEqual(c.Plaintext)
                && parsed.Kid == c.Kid;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(150));
    }

    [Fact]
    public void Header_writer_and_parser_agree_on_any_string_values()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<string[]>(), values =>
        {
            string[] clean = values.Where(v => v is not null && !v.Any(char.IsSurrogate)).ToArray();
            var header = new JoseHeader().Add("alg", "RS256");
            for (int i = 0; i < clean.Length; i++)
            {
                header.Add("m" + i, clean[i]);
            }

            if (clean.Length > 0)
            {
                header.Add("x5c", clean);
            }

            return JoseHeader.TryParse(header.ToUtf8Json(), out ParsedJoseHeader? parsed)
                && parsed.MemberNames.SequenceEqual(header.Names)
                && clean.Select((v, i) => parsed.TryGetString("m" + i, out string? s) && s == v).All(ok => ok)
                && (clean.Length == 0 || parsed.X5c!.SequenceEqual(clean));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }
}
