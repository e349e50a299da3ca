using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;
using Kavach.Crypto;
using Kavach.Crypto.Jose;
using Kavach.PartnerChannel.Jose;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.Jose;

public sealed class ChannelJweTests
{
    private static readonly X509Certificate2 Recipient = TestPki.Instance.ServerKeys.EncryptionCertificate;
    private static readonly string Kid = Base64Url.Encode(SHA256.HashData(Recipient.RawData));

    private static bool TryDecrypt(string jwe, out byte[]? plaintext, string? kid = null)
    {
        using RSA key = Recipient.GetRSAPrivateKey()!;
        return ChannelJwe.TryDecrypt(jwe, kid ?? Kid, w => key.Decrypt(w, RSAEncryptionPadding.OaepSHA256), out plaintext);
    }

    [Fact]
    public void Bodies_round_trip_with_the_contracts_header()
    {
        using RSA publicKey = Recipient.GetRSAPublicKey()!;
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), body =>
        {
            string jwe = ChannelJwe.Encrypt(body, "application/json", publicKey, Kid);
            return TryDecrypt(jwe, out byte[]? plaintext) && plaintext!.AsSpan().SequenceEqual(body);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }

    [Fact]
    public void Header_carries_alg_enc_kid_and_cty()
    {
        using RSA publicKey = Recipient.GetRSAPublicKey()!;
        string jwe = ChannelJwe.Encrypt("x"u8, "text/plain; charset=utf-8", publicKey, Kid);

        Assert.True(JweCompact.TryReadHeader(jwe, out ParsedJoseHeader? header));
        Assert.Equal(["alg", "enc", "kid", "cty"], header.MemberNames);
        Assert.Equal("RSA-OAEP-256", header.Alg);
        Assert.Equal("A256GCM", header.Enc);
        Assert.Equal(Kid, header.Kid);
        Assert.Equal("text/plain; charset=utf-8", ChannelJwe.ContentType(jwe));
    }

    [Fact]
    public void Token_for_another_kid_is_refused_before_any_private_key_operation()
    {
        using RSA publicKey = Recipient.GetRSAPublicKey()!;
        string jwe = ChannelJwe.Encrypt("x"u8, "text/plain", publicKey, "c29tZW9uZS1lbHNl");
        bool unwrapped = false;

        Assert.False(ChannelJwe.TryDecrypt(jwe, Kid, w => { unwrapped = true; return null; }, out _));
        Assert.False(unwrapped);
    }

    [Theory]
    [InlineData("""{"alg":"RSA1_5","enc":"A256GCM","kid":"KID"}""", 32)]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A128GCM","kid":"KID"}""", 16)]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256CBC-HS512","kid":"KID"}""", 32)]
    [InlineData("""{"alg":"dir","enc":"A256GCM","kid":"KID"}""", 32)]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"KID","zip":"DEF"}""", 32)]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM","kid":"KID","crit":["exp"],"exp":1}""", 32)]
    [InlineData("""{"alg":"RSA-OAEP-256","enc":"A256GCM"}""", 32)]
    public void Other_algorithms_compression_and_extensions_are_refused(string header, int cekSize)
    {
        using RSA publicKey = Recipient.GetRSAPublicKey()!;
        RSAEncryptionPadding padding = header.Contains("RSA1_5", StringComparison.Ordinal) ? RSAEncryptionPadding.Pkcs1 : RSAEncryptionPadding.OaepSHA256;
        string jwe = HandMadeJwe.Create(header.Replace("KID", Kid, StringComparison.Ordinal), publicKey, padding, cekSize, "{}"u8.ToArray());

        Assert.False(TryDecrypt(jwe, out _));
    }

    [Fact]
    public void Every_part_tampered_fails()
    {
        using RSA publicKey = Recipient.GetRSAPublicKey()!;
        string[] parts = ChannelJwe.Encrypt("{\"a\":1}"u8, "application/json", publicKey, Kid).Split('.');
        for (int part = 1; part < 5; part++)
        {
            string[] copy = (string[])parts.Clone();
            Base64Url.TryDecodeUrlSafe(copy[part], out byte[] bytes);
            bytes[^1] ^= 1;
            copy[part] = Base64Url.Encode(bytes);
            Assert.False(TryDecrypt(string.Join('.', copy), out _));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e.f")]
    public void Malformed_tokens_are_refused(string? jwe)
    {
        Assert.False(TryDecrypt(jwe!, out _));
    }
}
