using System.Security.Cryptography;
using System.Text;
using Kavach.Devices.Protocol;
using Kavach.Devices.Protocol.Jose;
using Kavach.Devices.Tests.Protocol.Support;

namespace Kavach.Devices.Tests.Protocol.Jose;

public sealed class StrictJwsTests
{
    private const string Typ = "dm-checkin+jwt";
    private static readonly TestPki Pki = new(DateTimeOffset.UtcNow);
    private static readonly TestIdentity Device = Pki.Device("SN0000000001");
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"a\":1}");

    [Fact]
    public async Task Signed_token_parses_and_verifies_with_its_certificate()
    {
        string kid = StrictJws.CertificateKid(Device.Certificate);
        string jws = await StrictJws.SignAsync(Typ, [Device.Certificate], kid, Payload, Device.SignAsync, default);

        var parsed = StrictJws.Parse(jws, Typ, 1);

        Assert.True(parsed.IsSuccess, parsed.Detail);
        Assert.Equal(Payload, parsed.Value.Payload.ToArray());
        Assert.Equal(kid, parsed.Value.Kid);
        Assert.Equal(Device.Certificate.RawData, parsed.Value.Signer.RawData);
        Assert.True(StrictJws.VerifySignature(parsed.Value));
        Assert.False(StrictJws.VerifySignature(parsed.Value, Pki.Device("SN0000000002").Certificate));
    }

    [Fact]
    public async Task Header_is_exactly_alg_typ_x5c_kid_in_that_order()
    {
        string jws = await StrictJws.SignAsync(Typ, [Device.Certificate], "k", Payload, Device.SignAsync, default);
        string header = Encoding.UTF8.GetString(Kavach.Crypto.Base64Url.TryDecodeUrlSafe(jws.Split('.')[0], out byte[] h) ? h : []);
        Assert.StartsWith("{\"alg\":\"RS256\",\"typ\":\"dm-checkin+jwt\",\"x5c\":[\"", header);
        Assert.EndsWith("\"],\"kid\":\"k\"}", header);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("PS256")]
    [InlineData("RS512")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    public void Algorithm_confusion_any_alg_but_RS256_is_refused_before_crypto(string alg)
    {
        string jws = TokenForge.Jws($"{{\"alg\":\"{alg}\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]}}", Payload, Device.Key);
        var parsed = StrictJws.Parse(jws, Typ, 1);
        Assert.False(parsed.IsSuccess);
        Assert.Equal(MessageRefusal.Algorithm, parsed.Refusal);
        Assert.Equal("KER-DEV-001", parsed.Error.Code);
    }

    [Fact]
    public void Algorithm_confusion_HS256_keyed_with_the_certificate_bytes_is_refused()
    {
        byte[] hmacKey = Device.Certificate.RawData;
        string jws = TokenForge.Jws($"{{\"alg\":\"HS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]}}", Payload, input => HMACSHA256.HashData(hmacKey, input));
        var parsed = StrictJws.Parse(jws, Typ, 1);
        Assert.Equal(MessageRefusal.Algorithm, parsed.Refusal);
    }

    [Fact]
    public void Alg_none_with_an_empty_signature_is_refused()
    {
        string jws = TokenForge.B64($"{{\"alg\":\"none\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]}}") + "." + Kavach.Crypto.Base64Url.Encode(Payload) + ".";
        Assert.False(StrictJws.Parse(jws, Typ, 1).IsSuccess);
    }

    [Theory]
    [InlineData(",\"jku\":\"https://evil.example/keys\"")]
    [InlineData(",\"x5u\":\"https://evil.example/cert\"")]
    [InlineData(",\"crit\":[\"exp\"]")]
    [InlineData(",\"cty\":\"JWT\"")]
    [InlineData(",\"b64\":false")]
    [InlineData(",\"foo\":\"bar\"")]
    [InlineData(",\"alg\":\"RS256\"")]
    public void Header_with_a_member_outside_the_exact_set_or_a_duplicate_is_refused(string extra)
    {
        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]{extra}}}", Payload, Device.Key);
        var parsed = StrictJws.Parse(jws, Typ, 1);
        Assert.Equal(MessageRefusal.SignatureHeader, parsed.Refusal);
    }

    [Fact]
    public void Header_without_x5c_or_typ_is_refused()
    {
        Assert.Equal(MessageRefusal.SignatureHeader, StrictJws.Parse(TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\"}}", Payload, Device.Key), Typ, 1).Refusal);
        Assert.Equal(MessageRefusal.SignatureHeader, StrictJws.Parse(TokenForge.Jws($"{{\"alg\":\"RS256\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]}}", Payload, Device.Key), Typ, 1).Refusal);
    }

    [Fact]
    public void Typ_of_another_route_is_refused()
    {
        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"dm-time+jwt\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]}}", Payload, Device.Key);
        Assert.Equal(MessageRefusal.MessageType, StrictJws.Parse(jws, Typ, 1).Refusal);
    }

    [Fact]
    public void X5c_as_a_string_instead_of_an_array_is_refused()
    {
        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":\"{TokenForge.X5c(Device)}\"}}", Payload, Device.Key);
        Assert.Equal(MessageRefusal.SignatureHeader, StrictJws.Parse(jws, Typ, 1).Refusal);
    }

    [Fact]
    public void X5c_with_two_certificates_is_refused_where_one_is_allowed()
    {
        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\",\"{TokenForge.X5c(Pki.DeviceCa)}\"]}}", Payload, Device.Key);
        Assert.Equal(MessageRefusal.SignerCertificate, StrictJws.Parse(jws, Typ, 1).Refusal);
        Assert.True(StrictJws.Parse(jws, Typ, 2).IsSuccess);
    }

    [Theory]
    [InlineData("url-safe")]
    [InlineData("unpadded")]
    [InlineData("garbage")]
    [InlineData("trailing-bytes")]
    public void X5c_entry_that_is_not_padded_base64_of_one_DER_certificate_is_refused(string variant)
    {
        string standard = TokenForge.X5c(Device);
        string entry = variant switch
        {
            "url-safe" => Kavach.Crypto.Base64Url.Encode(Device.Certificate.RawData) + "A",
            "unpadded" => standard.TrimEnd('='),
            "garbage" => "AAAA",
            _ => Convert.ToBase64String([.. Device.Certificate.RawData, 0, 0, 0]),
        };
        if (entry == standard)
        {
            return; // an unpadded form equal to the padded one (length a multiple of 3) tests nothing
        }

        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{entry}\"]}}", Payload, Device.Key);
        Assert.Equal(MessageRefusal.SignerCertificate, StrictJws.Parse(jws, Typ, 1).Refusal);
    }

    [Fact]
    public void Certificate_with_an_RSA_1024_key_is_refused()
    {
        var weak = Pki.Device("SN0000000009", keySize: 1024);
        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(weak)}\"]}}", Payload, weak.Key);
        Assert.Equal(MessageRefusal.SignerCertificate, StrictJws.Parse(jws, Typ, 1).Refusal);
    }

    [Fact]
    public void Kid_that_does_not_name_x5c0_is_refused()
    {
        string other = StrictJws.CertificateKid(Pki.DeviceCa.Certificate);
        string jws = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\"],\"kid\":\"{other}\"}}", Payload, Device.Key);
        Assert.Equal(MessageRefusal.SignerCertificate, StrictJws.Parse(jws, Typ, 1).Refusal);
    }

    [Fact]
    public async Task Tampered_payload_or_signature_does_not_verify()
    {
        string jws = await StrictJws.SignAsync(Typ, [Device.Certificate], null, Payload, Device.SignAsync, default);
        string[] parts = jws.Split('.');
        string tamperedPayload = parts[0] + "." + Kavach.Crypto.Base64Url.Encode(Encoding.UTF8.GetBytes("{\"a\":2}")) + "." + parts[2];
        var parsed = StrictJws.Parse(tamperedPayload, Typ, 1);
        Assert.True(parsed.IsSuccess);
        Assert.False(StrictJws.VerifySignature(parsed.Value));

        // Signed by another key than x5c[0]'s.
        var other = Pki.Device("SN0000000003");
        string wrongKey = TokenForge.Jws($"{{\"alg\":\"RS256\",\"typ\":\"{Typ}\",\"x5c\":[\"{TokenForge.X5c(Device)}\"]}}", Payload, other.Key);
        Assert.False(StrictJws.VerifySignature(StrictJws.Parse(wrongKey, Typ, 1).Value!));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("")]
    [InlineData("....")]
    [InlineData("e30=.e30.AA")]
    [InlineData("e30 .e30.AA")]
    public void Malformed_compact_forms_are_refused(string compact)
    {
        var parsed = StrictJws.Parse(compact, Typ, 1);
        Assert.False(parsed.IsSuccess);
        Assert.Equal(MessageRefusal.Malformed, parsed.Refusal);
    }

    [Fact]
    public async Task Signing_refuses_a_signer_whose_signature_does_not_fit_the_certificate()
    {
        await Assert.ThrowsAsync<CryptographicException>(async () =>
            await StrictJws.SignAsync(Typ, [Device.Certificate], null, Payload, (_, _) => ValueTask.FromResult(new byte[10]), default));
    }
}
