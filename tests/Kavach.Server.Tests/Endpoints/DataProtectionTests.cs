using System.Text;
using Kavach.Crypto;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>jwtEncrypt/jwtDecrypt (with jwcrypto both ways), PIN encryption and Argon2 over HTTP.</summary>
public sealed class DataProtectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private const string JsonData = "eyAiZGF0YSI6ICJ0ZXN0IGRhdGEgZm9yIGNyeXB0b21hbmFnZXIiIH0";
    private readonly TestServer _server = fixture.Server;
    private readonly TempDirectory _files = new("kavach-dp");

    [Fact]
    public async Task JWE_round_trip_with_MOSIP_header_order()
    {
        var jwe = (await _server.PostAsync("/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "jwe", data = JsonData, includeCertificate = true, includeCertHash = true })).Body.Field("data");
        Assert.Equal(5, jwe.Split('.').Length);
        Assert.True(Base64Url.TryDecodeUrlSafe(jwe.Split('.')[0], out var headerBytes));
        var header = Encoding.UTF8.GetString(headerBytes);
        Assert.StartsWith("{\"cty\":\"JWT\",\"typ\":\"JWT\",\"alg\":\"RSA-OAEP-256\",\"enc\":\"A256GCM\",\"kid\":\"", header, StringComparison.Ordinal);
        Assert.True(header.IndexOf("\"zip\":\"DEF\"", StringComparison.Ordinal) < header.IndexOf("\"x5c\"", StringComparison.Ordinal));

        var (_, body) = await _server.PostAsync("/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe", encData = jwe });
        Assert.Equal(JsonData, body.Field("data"));
    }

    [Fact]
    public async Task JWE_made_by_jwcrypto_decrypts_and_ours_decrypts_in_jwcrypto()
    {
        var certificate = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION&referenceId=jwe-interop")).Body.Field("certificate");
        var jwe = await Python.RunAsync(
            "import sys, json, hashlib, base64\nfrom cryptography import x509\nfrom cryptography.hazmat.primitives.serialization import Encoding\nfrom jwcrypto import jwk, jwe\n" +
            "cert = x509.load_pem_x509_certificate(open(sys.argv[1],'rb').read())\n" +
            "kid = base64.urlsafe_b64encode(hashlib.sha256(cert.public_bytes(Encoding.DER)).digest()).rstrip(b'=').decode()\n" +
            "t = jwe.JWE(b'{\"from\":\"python\"}', json.dumps({'alg':'RSA-OAEP-256','enc':'A256GCM','kid':kid,'zip':'DEF'}))\n" +
            "t.add_recipient(jwk.JWK.from_pyca(cert.public_key()))\nprint(t.serialize(compact=True))",
            await WriteAsync(certificate));
        var (_, body) = await _server.PostAsync("/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe-interop", encData = jwe });
        Assert.True(Base64Url.TryDecodeUrlSafe(body.Field("data"), out var plaintext));
        Assert.Equal("{\"from\":\"python\"}", Encoding.UTF8.GetString(plaintext));

        using var ca = await ExternalCa.CreateAsync();
        var (partnerCertificate, partnerKey) = await ca.IssueNewWithKeyAsync("jwe-partner");
        var ours = (await _server.PostAsync("/v1/keymanager/jwtEncrypt", new { data = JsonData, x509Certificate = partnerCertificate })).Body.Field("data");
        var decrypted = await Python.RunAsync(
            "import sys\nfrom jwcrypto import jwk, jwe\nkey = jwk.JWK.from_pem(open(sys.argv[1],'rb').read())\nt = jwe.JWE()\nt.deserialize(open(sys.argv[2]).read(), key=key)\nprint(t.payload.decode())",
            await WriteAsync(partnerKey), await WriteAsync(ours));
        Assert.Equal("{ \"data\": \"test data for cryptomanager\" }", decrypted);
    }

    [Fact]
    public async Task JWE_error_codes()
    {
        Assert.Equal("KER-CRY-013", (await _server.PostAsync("/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "jwe", data = Base64Url.Encode("not json"u8) })).Body.ErrorCode());
        Assert.Equal("KER-CRY-011", (await _server.PostAsync("/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "", data = JsonData })).Body.ErrorCode());
        Assert.Equal("KER-CRY-004", (await _server.PostAsync("/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe", encData = "" })).Body.ErrorCode());
        Assert.Equal("KER-CRY-015", (await _server.PostAsync("/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe", encData = "a.b.c.d.e" })).Body.ErrorCode());

        var jwe = (await _server.PostAsync("/v1/keymanager/jwtEncrypt", new { applicationId = "REGISTRATION", referenceId = "jwe-flip", data = JsonData })).Body.Field("data");
        var parts = jwe.Split('.');
        parts[3] = parts[3][..10] + (parts[3][10] == 'A' ? 'B' : 'A') + parts[3][11..];
        Assert.Equal("KER-CRY-015", (await _server.PostAsync("/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "jwe-flip", encData = string.Join('.', parts) })).Body.ErrorCode());

        // Master keys never decrypt JWE (MOSIP's fetchMasterKey=false).
        var master = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=REGISTRATION")).Body.Field("certificate");
        var forMaster = (await _server.PostAsync("/v1/keymanager/jwtEncrypt", new { data = JsonData, x509Certificate = master })).Body.Field("data");
        Assert.Equal("KER-KMS-018", (await _server.PostAsync("/v1/keymanager/jwtDecrypt", new { applicationId = "REGISTRATION", referenceId = "any", encData = forMaster })).Body.ErrorCode());
    }

    [Fact]
    public async Task PIN_encryption_round_trip_and_wrong_pin()
    {
        var encrypted = (await _server.PostAsync("/v1/keymanager/encryptWithPin", new { data = "secret text ✓", userPin = "123456" })).Body.Field("data");
        Assert.Equal("secret text ✓", (await _server.PostAsync("/v1/keymanager/decryptWithPin", new { data = encrypted, userPin = "123456" })).Body.Field("data"));
        Assert.Equal("KER-FSE-004", (await _server.PostAsync("/v1/keymanager/decryptWithPin", new { data = encrypted, userPin = "654321" })).Body.ErrorCode());
        Assert.Equal("KER-FSE-004", (await _server.PostAsync("/v1/keymanager/decryptWithPin", new { data = "AAAA", userPin = "123456" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/encryptWithPin", new { data = "x", userPin = " " })).Body.ErrorCode());
    }

    [Fact]
    public async Task Argon2_hash_matches_python_argon2_and_generates_salts()
    {
        var salt = Base64Url.Encode(Encoding.UTF8.GetBytes("0123456789abcdef"));
        var hash = (await _server.PostAsync("/v1/keymanager/generateArgon2Hash", new { inputData = "password", salt })).Body;
        Assert.Equal(salt, hash.Field("salt"));
        var expected = await Python.RunAsync(
            "import base64\nfrom argon2.low_level import hash_secret_raw, Type\nh = hash_secret_raw(b'password', b'0123456789abcdef', time_cost=10, memory_cost=65536, parallelism=2, hash_len=32, type=Type.ID)\nprint(base64.urlsafe_b64encode(h).rstrip(b'=').decode())");
        Assert.Equal(expected, hash.Field("hashValue"));

        var generated = (await _server.PostAsync("/v1/keymanager/generateArgon2Hash", new { inputData = "password" })).Body;
        Assert.True(Base64Url.TryDecodeUrlSafe(generated.Field("salt"), out var saltBytes));
        Assert.Equal(24, saltBytes.Length);
        Assert.NotEqual(hash.Field("hashValue"), generated.Field("hashValue"));
    }

    [Theory]
    [InlineData("/v1/keymanager/encrypt")]
    [InlineData("/v1/keymanager/decrypt")]
    [InlineData("/v1/keymanager/jwtEncrypt")]
    [InlineData("/v1/keymanager/jwtDecrypt")]
    [InlineData("/v1/keymanager/jwtSign")]
    [InlineData("/v1/keymanager/jwsSign")]
    [InlineData("/v1/keymanager/jwtVerify")]
    [InlineData("/v1/keymanager/signV2")]
    [InlineData("/v1/keymanager/encryptWithPin")]
    [InlineData("/v1/keymanager/decryptWithPin")]
    [InlineData("/v1/keymanager/generateArgon2Hash")]
    public async Task Garbage_input_always_gets_an_envelope_never_a_fault(string path)
    {
        var random = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3000));
        string[] bodies =
        [
            TestServer.Wrap(new { applicationId = "REGISTRATION", referenceId = "g", timeStamp = "2025-01-01T10:00:00.000Z", data = random, encData = random, dataToSign = random, jwtSignatureData = random, userPin = "1", inputData = random }),
            TestServer.Wrap(new { applicationId = 1, data = true, encData = new[] { 1 } }),
            TestServer.Wrap(new { applicationId = "", referenceId = "", data = "", encData = "", dataToSign = "", jwtSignatureData = "" }),
            TestServer.Wrap(new { applicationId = "REGISTRATION", referenceId = "g", timeStamp = "2025-01-01T10:00:00.000Z", data = new string('A', 2_000_000), dataToSign = new string('A', 2_000_000) }),
            "[]",
            "null",
        ];
        foreach (var body in bodies)
        {
            var (status, response) = await _server.SendRawAsync(HttpMethod.Post, path, body, "application/json");
            Assert.True(status is 200 or 413, $"{path}: HTTP {status} {response[..Math.Min(200, response.Length)]}");
            var envelope = System.Text.Json.Nodes.JsonNode.Parse(response)!;
            Assert.True((envelope["response"] is null) != (envelope["errors"] is null), response[..Math.Min(300, response.Length)]);
            Assert.DoesNotContain("Exception", response, StringComparison.Ordinal);
        }
    }

    public void Dispose() => _files.Dispose();

    private async Task<string> WriteAsync(string content)
    {
        var path = _files.File(Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
