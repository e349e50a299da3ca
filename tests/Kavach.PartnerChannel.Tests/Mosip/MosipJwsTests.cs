using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.PartnerChannel.Internal;
using Kavach.PartnerChannel.Mosip;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.Mosip;

public sealed class MosipJwsTests
{
    private static readonly byte[] Body = "{\"requestTime\":\"2026-01-01T00:00:00.000Z\"}"u8.ToArray();

    private static ChannelCertificate SigningA => new ChannelCertificateCache().Get(TestPki.Instance.PartnerA.Keys.SigningCertificate)!;

    private static async Task<string> SignAsync(string encodedHeader, byte[]? body = null) =>
        await MosipJws.SignAsync(encodedHeader, TestPki.Instance.PartnerA.Keys, body ?? Body, CancellationToken.None);

    [Fact]
    public async Task Signature_is_a_detached_RS256_JWS_that_verifies_over_the_raw_body()
    {
        string jws = await SignAsync(SigningA.MosipJwsHeader);

        string[] parts = jws.Split('.');
        Assert.Equal(3, parts.Length);
        Assert.Empty(parts[1]);
        Assert.True(Base64Url.TryDecodeUrlSafe(parts[0], out byte[] header));
        Assert.StartsWith("{\"alg\":\"RS256\",\"x5c\":[\"", Encoding.UTF8.GetString(header), StringComparison.Ordinal);
        Assert.Null(MosipJws.Verify(jws, Body, SigningA, out byte[] signature));
        Assert.Equal(256, signature.Length);
    }

    [Fact]
    public async Task Signature_verifies_with_openssl_as_an_independent_check()
    {
        // The signing input is the standard one: base64url(header) "." base64url(body).
        string jws = await SignAsync(SigningA.MosipJwsHeader);
        string[] parts = jws.Split('.');
        byte[] input = Encoding.ASCII.GetBytes(parts[0] + "." + Base64Url.Encode(Body));
        using var rsa = TestPki.Instance.PartnerA.Keys.SigningCertificate.GetRSAPublicKey()!;
        Base64Url.TryDecodeUrlSafe(parts[2], out byte[] signature);
        Assert.True(rsa.VerifyData(input, signature, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));
    }

    [Theory]
    [InlineData("base64url of PEM without padding")]
    [InlineData("base64 of PEM with newlines")]
    [InlineData("base64url of DER")]
    public async Task X5c_is_read_as_leniently_as_MOSIP(string form)
    {
        byte[] der = TestPki.Instance.PartnerA.Keys.SigningCertificate.RawData;
        byte[] pem = Encoding.ASCII.GetBytes(TestPki.Instance.PartnerA.Keys.SigningCertificate.ExportCertificatePem());
        string x5c = form switch
        {
            "base64url of PEM without padding" => Base64Url.Encode(pem),
            "base64 of PEM with newlines" => Convert.ToBase64String(pem, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\\n", StringComparison.Ordinal),
            _ => Base64Url.Encode(der),
        };
        string header = HandSigned.EncodedHeader($$"""{"alg":"RS256","x5c":["{{x5c}}"]}""");

        Assert.Null(MosipJws.Verify(await SignAsync(header), Body, SigningA, out _));
    }

    [Theory]
    [InlineData("{\"alg\":\"RS256\"}", "x5c")]
    [InlineData("{\"alg\":\"RS256\",\"x5c\":[\"bm90IGEgY2VydA\"]}", "not the registered one")]
    [InlineData("{\"alg\":\"RS256\",\"x5c\":[\"!!!\"]}", "x5c")]
    [InlineData("{\"alg\":\"rs256\",\"x5c\":[\"X\"]}", "alg")]
    public async Task Headers_without_the_registered_certificate_are_refused(string header, string reason)
    {
        Assert.Contains(reason, MosipJws.Verify(await SignAsync(HandSigned.EncodedHeader(header)), Body, SigningA, out _), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificate_of_another_partner_in_x5c_is_refused_even_when_its_signature_is_good()
    {
        string headerOfB = new ChannelCertificateCache().Get(TestPki.Instance.PartnerB.Keys.SigningCertificate)!.MosipJwsHeader;
        string jws = await MosipJws.SignAsync(headerOfB, TestPki.Instance.PartnerB.Keys, Body, CancellationToken.None);

        Assert.Equal("signature certificate is not the registered one", MosipJws.Verify(jws, Body, SigningA, out _));
    }

    [Fact]
    public async Task Mismatched_x5t_is_refused()
    {
        string header = HandSigned.EncodedHeader($$"""{"alg":"RS256","x5c":["{{SigningA.X5cEntry}}"],"x5t#S256":"AAAA"}""");

        Assert.Contains("x5t#S256", MosipJws.Verify(await SignAsync(header), Body, SigningA, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a..b.c")]
    [InlineData("not base64!..sig")]
    public void Malformed_signatures_are_refused(string? jws)
    {
        Assert.NotNull(MosipJws.Verify(jws, Body, SigningA, out _));
    }

    [Fact]
    public async Task Attached_payload_is_refused()
    {
        string[] parts = (await SignAsync(SigningA.MosipJwsHeader)).Split('.');

        Assert.NotNull(MosipJws.Verify(parts[0] + "." + Base64Url.Encode(Body) + "." + parts[2], Body, SigningA, out _));
    }

    [Fact]
    public async Task Any_changed_body_byte_fails()
    {
        string jws = await SignAsync(SigningA.MosipJwsHeader);
        for (int i = 0; i < Body.Length; i += 7)
        {
            byte[] changed = (byte[])Body.Clone();
            changed[i] ^= 0x20;
            Assert.Equal("signature does not verify", MosipJws.Verify(jws, changed, SigningA, out _));
        }
    }

    [Fact]
    public async Task Header_seen_before_takes_the_fast_path_which_still_checks_the_signature_and_nothing_else_changes()
    {
        ChannelCertificate signing = SigningA;
        string jws = await SignAsync(signing.MosipJwsHeader);
        Assert.Null(MosipJws.Verify(jws, Body, signing, out byte[] first));
        Assert.Equal(signing.MosipJwsHeader, signing.AcceptedMosipHeader);

        Assert.Null(MosipJws.Verify(jws, Body, signing, out byte[] second));
        Assert.Equal(first, second);
        Assert.Equal("signature does not verify", MosipJws.Verify(jws, "{}"u8, signing, out _));
        string[] parts = jws.Split('.');
        Base64Url.TryDecodeUrlSafe(parts[2], out byte[] signature);
        signature[10] ^= 1;
        Assert.Equal("signature does not verify", MosipJws.Verify(parts[0] + ".." + Base64Url.Encode(signature), Body, signing, out _));
        Assert.NotNull(MosipJws.Verify(jws + "=", Body, signing, out _));
        Assert.NotNull(MosipJws.Verify(parts[0] + "." + Base64Url.Encode(Body) + "." + parts[2], Body, signing, out _));

        string headerOfB = new ChannelCertificateCache().Get(TestPki.Instance.PartnerB.Keys.SigningCertificate)!.MosipJwsHeader;
        string jwsOfB = await MosipJws.SignAsync(headerOfB, TestPki.Instance.PartnerB.Keys, Body, CancellationToken.None);
        Assert.Equal("signature certificate is not the registered one", MosipJws.Verify(jwsOfB, Body, signing, out _));
    }
}
