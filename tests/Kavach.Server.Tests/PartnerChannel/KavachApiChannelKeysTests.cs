using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.PartnerChannel.Keys;
using Kavach.PartnerChannel.Remote;
using Kavach.Server.Tests.Support;
using Kavach.Testing;
using Kavach.Testing.PartnerChannel;

namespace Kavach.Server.Tests.PartnerChannel;

/// <summary>
/// The remote key source against a real Kavach server: signatures by <c>/signRawData</c>, JWE by <c>/jwtDecrypt</c>, IDA
/// fields by <c>/decrypt</c>; the ciphertexts are made by the independent Python implementation.
/// </summary>
public sealed class KavachApiChannelKeysTests(RemoteChannelFixture fixture) : IClassFixture<RemoteChannelFixture>
{
    private KavachApiChannelKeys Keys(HttpClient? http = null) =>
        new(http ?? fixture.Anonymous, new KavachApiOptions { ApplicationId = "IDA", AccessToken = _ => ValueTask.FromResult(fixture.ServiceToken) }, fixture.Server.Time);

    [Fact]
    public async Task A_signature_is_RS256_by_the_APP_SIGN_certificate()
    {
        var keys = Keys();
        var data = Encoding.UTF8.GetBytes("partner channel signature base");

        var signature = await keys.SignAsync(data, CancellationToken.None);
        var certificate = await keys.GetSigningCertificateAsync(CancellationToken.None);

        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.False(rsa.VerifyData("other"u8, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var (_, published) = await fixture.Server.GetAsync("/v1/keymanager/getCertificate?applicationId=IDA&referenceId=SIGN");
        Assert.Equal(published["response"]!["certificate"]!.GetValue<string>().Trim(), certificate.ExportCertificatePem().Trim());
    }

    [Fact]
    public async Task A_JWE_from_the_Python_implementation_decrypts()
    {
        var keys = Keys();
        using var dir = new TempDirectory("kavach-remote");
        var certificate = await WriteAsync(dir, await keys.GetEncryptionCertificateAsync(CancellationToken.None));

        var jwe = await PartnerChannelPython.EvalAsync(
            $"print(pc.jwe_encrypt(sys.stdin.read().encode(), pc.load_cert({Quote(certificate)})).decode())", """{"hello":"world"}""");

        var plaintext = await keys.DecryptJweAsync(jwe, CancellationToken.None);
        Assert.Equal("""{"hello":"world"}""", Encoding.UTF8.GetString(plaintext!));
    }

    [Fact]
    public async Task A_tampered_JWE_or_another_algorithm_gives_null_not_an_error()
    {
        var keys = Keys();
        using var dir = new TempDirectory("kavach-remote");
        var certificate = await WriteAsync(dir, await keys.GetEncryptionCertificateAsync(CancellationToken.None));
        var jwe = await PartnerChannelPython.EvalAsync(
            $"print(pc.jwe_encrypt(b'{{\"a\":1}}', pc.load_cert({Quote(certificate)})).decode())");
        var parts = jwe.Split('.');

        var tampered = string.Join('.', parts[0], parts[1], parts[2], Flip(parts[3]), parts[4]);
        var header = JsonNode.Parse(Decode(parts[0]))!.AsObject();
        header["alg"] = "RSA-OAEP";
        var otherAlgorithm = string.Join('.', Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())), parts[1], parts[2], parts[3], parts[4]);

        Assert.Null(await keys.DecryptJweAsync(tampered, CancellationToken.None));
        Assert.Null(await keys.DecryptJweAsync(otherAlgorithm, CancellationToken.None));
        Assert.Null(await keys.DecryptJweAsync("not a jwe", CancellationToken.None));
    }

    [Fact]
    public async Task IDA_fields_from_the_Python_implementation_decrypt_with_their_HMAC()
    {
        var keys = Keys();
        var fields = await EncryptFieldsAsync(keys, """{"otp":"111111","timestamp":"2026-01-01T00:00:00.000Z"}""");

        using var decrypted = await keys.DecryptMosipRequestAsync(fields, CancellationToken.None);

        Assert.NotNull(decrypted);
        Assert.Equal("""{"otp":"111111","timestamp":"2026-01-01T00:00:00.000Z"}""", Encoding.UTF8.GetString(decrypted.Request));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(decrypted.Request)), Encoding.ASCII.GetString(decrypted.Hmac));
    }

    [Fact]
    public async Task IDA_fields_with_another_thumbprint_or_tampered_bytes_give_null()
    {
        var keys = Keys();
        var fields = await EncryptFieldsAsync(keys, """{"otp":"1"}""");
        var tamperedRequest = fields.EncryptedRequest.ToArray();
        tamperedRequest[0] ^= 1;
        var tamperedKey = fields.EncryptedSessionKey.ToArray();
        tamperedKey[10] ^= 1;

        Assert.Null(await keys.DecryptMosipRequestAsync(fields with { Thumbprint = new byte[32] }, CancellationToken.None));
        Assert.Null(await keys.DecryptMosipRequestAsync(fields with { EncryptedRequest = tamperedRequest }, CancellationToken.None));
        Assert.Null(await keys.DecryptMosipRequestAsync(fields with { EncryptedSessionKey = tamperedKey }, CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_server_is_an_infrastructure_fault_not_a_refusal()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var keys = Keys(http);

        await Assert.ThrowsAsync<KavachApiUnavailableException>(async () => await keys.SignAsync(new byte[] { 1 }, CancellationToken.None));
        await Assert.ThrowsAsync<KavachApiUnavailableException>(async () => await keys.GetSigningCertificateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_without_a_binding_to_the_application_is_a_fault_not_a_refusal()
    {
        var token = await fixture.Server.IssueTokenAsync("someone", ["SOMEONE_ELSE"]);
        var keys = new KavachApiChannelKeys(fixture.Anonymous, new KavachApiOptions { ApplicationId = "IDA", AccessToken = _ => ValueTask.FromResult(token) }, fixture.Server.Time);

        await Assert.ThrowsAsync<KavachApiUnavailableException>(async () => await keys.SignAsync(new byte[] { 1 }, CancellationToken.None));
    }

    private static async Task<MosipEncryptedRequest> EncryptFieldsAsync(KavachApiChannelKeys keys, string plaintext)
    {
        using var dir = new TempDirectory("kavach-remote");
        var certificate = await WriteAsync(dir, await keys.GetEncryptionCertificateAsync(CancellationToken.None));
        var output = await PartnerChannelPython.EvalAsync(
            $"print(json.dumps(pc.encrypt_fields({{}}, sys.stdin.read().encode(), pc.load_cert({Quote(certificate)}))))", plaintext);
        var body = JsonNode.Parse(output)!;
        return new MosipEncryptedRequest(
            Decode(body["requestSessionKey"]!.GetValue<string>()),
            Decode(body["request"]!.GetValue<string>()),
            Decode(body["requestHMAC"]!.GetValue<string>()),
            Decode(body["thumbprint"]!.GetValue<string>()));
    }

    private static async Task<string> WriteAsync(TempDirectory dir, X509Certificate2 certificate)
    {
        var path = dir.File(Guid.NewGuid().ToString("N") + ".pem");
        await File.WriteAllTextAsync(path, certificate.ExportCertificatePem());
        return path;
    }

    private static byte[] Decode(string base64Url)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(base64Url, out var bytes), "not base64url");
        return bytes;
    }

    private static string Quote(string text) => JsonValue.Create(text)!.ToJsonString();

    private static string Flip(string base64Url)
    {
        var bytes = Decode(base64Url);
        bytes[0] ^= 1;
        return Base64Url.Encode(bytes);
    }
}
