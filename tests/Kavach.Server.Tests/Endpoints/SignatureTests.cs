using System.Security.Cryptography.X509Certificates;
using System.Text;
using Kavach.Crypto;
using Kavach.Crypto.Encodings;
using Kavach.Server.Tests.Support;
using Kavach.Testing;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>jwtSign/jwsSign (v1, v2), jwtVerify, signV2, signRawData, legacy sign/validate — checked with openssl and jwcrypto.</summary>
public sealed class SignatureTests(ServerFixture fixture) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly TempDirectory _files = new("kavach-sig");
    private static readonly string Payload = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"anyKey\":\"Test Json\",\"iss\":\"https://kavach.test\"}"));
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task JwtSign_RS256_with_kernel_sign_verifies_in_jwcrypto_and_in_jwtVerify()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId = "KERNEL", referenceId = "SIGN", includePayload = true, includeCertificate = true, includeCertHash = true });
        var jws = body.Field("jwtSignedData");
        var header = Encoding.UTF8.GetString(Decode(jws.Split('.')[0]));
        Assert.StartsWith("{\"alg\":\"RS256\",\"x5c\":[", header, StringComparison.Ordinal);
        Assert.Contains("\"x5t#S256\":", header, StringComparison.Ordinal);
        Assert.Contains("\"kid\":", header, StringComparison.Ordinal);

        var certificate = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL&referenceId=SIGN")).Body.Field("certificate");
        var verified = await Python.RunAsync(
            "import sys\nfrom jwcrypto import jwk, jws\nkey = jwk.JWK.from_pem(open(sys.argv[1],'rb').read())\nt = jws.JWS()\nt.deserialize(open(sys.argv[2]).read())\nt.verify(key)\nprint(t.payload.decode())",
            await WriteAsync(certificate), await WriteAsync(jws));
        Assert.Contains("Test Json", verified, StringComparison.Ordinal);

        var (_, verify) = await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws });
        Assert.True(verify.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("TRUST_NOT_VERIFIED", verify.Field("trustValid"));
    }

    [Fact]
    public async Task Detached_signature_verifies_with_actual_data_and_fails_on_other_data()
    {
        var jws = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload })).Body.Field("jwtSignedData");
        Assert.Contains("..", jws, StringComparison.Ordinal);
        var ok = (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, actualData = Payload })).Body;
        Assert.True(ok.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("Validation Successful", ok.Field("message"));
        var other = Base64Url.Encode(Encoding.UTF8.GetBytes("{\"anyKey\":\"tampered\"}"));
        var bad = (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, actualData = other })).Body;
        Assert.False(bad.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("Validation Failed", bad.Field("message"));
    }

    [Theory]
    [InlineData("EC_SECP256R1_SIGN", "ES256")]
    [InlineData("EC_SECP256K1_SIGN", "ES256K")]
    [InlineData("ED25519_SIGN", "EdDSA")]
    public async Task EC_and_Ed25519_keys_sign_with_their_algorithms_and_verify_in_jwcrypto(string referenceId, string alg)
    {
        await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "ID_REPO", referenceId });
        var jws = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId = "ID_REPO", referenceId, includePayload = true })).Body.Field("jwtSignedData");
        Assert.Contains($"\"alg\":\"{alg}\"", Encoding.UTF8.GetString(Decode(jws.Split('.')[0])), StringComparison.Ordinal);

        var certificate = (await _server.GetAsync($"/v1/keymanager/getCertificate?applicationId=ID_REPO&referenceId={referenceId}")).Body;
        var pem = certificate["errors"] is null ? certificate.Field("certificate") : (await _server.PostAsync("/v1/keymanager/generateECSignKey/CERTIFICATE", new { applicationId = "ID_REPO", referenceId })).Body.Field("certificate");
        var output = await Python.RunAsync(
            "import sys\nfrom cryptography import x509\nfrom jwcrypto import jwk, jws\ncert = x509.load_pem_x509_certificate(open(sys.argv[1],'rb').read())\nkey = jwk.JWK.from_pyca(cert.public_key())\nt = jws.JWS()\nt.allowed_algs = ['ES256','ES256K','EdDSA']\nt.deserialize(open(sys.argv[2]).read())\nt.verify(key)\nprint('ok')",
            await WriteAsync(pem), await WriteAsync(jws));
        Assert.Equal("ok", output);

        var verify = (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, applicationId = "ID_REPO", referenceId })).Body;
        Assert.True(verify.Response()["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task JwsSign_defaults_to_PS256_with_an_unencoded_payload()
    {
        var jws = (await _server.PostAsync("/v1/keymanager/jwsSign", new { dataToSign = Payload, applicationId = "KERNEL", referenceId = "SIGN", validateJson = true })).Body.Field("jwtSignedData");
        var header = Encoding.UTF8.GetString(Decode(jws.Split('.')[0]));
        Assert.StartsWith("{\"alg\":\"PS256\",\"b64\":false,\"crit\":[\"b64\"]", header, StringComparison.Ordinal);

        // openssl verifies PS256 over header '.' raw payload.
        var certificate = (await _server.GetAsync("/v1/keymanager/getCertificate?applicationId=KERNEL&referenceId=SIGN")).Body.Certificate();
        using var dir = new TempDirectory("kavach-jws");
        await File.WriteAllTextAsync(dir.File("pub.pem"), certificate.PublicKey.GetRSAPublicKey()!.ExportSubjectPublicKeyInfoPem());
        await File.WriteAllBytesAsync(dir.File("input"), [.. Encoding.ASCII.GetBytes(jws.Split('.')[0] + "."), .. Decode(Payload)]);
        await File.WriteAllBytesAsync(dir.File("sig"), Decode(jws.Split('.')[2]));
        var (code, output, error) = await ExternalTool.RunAsync("openssl", ["dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-verify", dir.File("pub.pem"), "-signature", dir.File("sig"), dir.File("input")]);
        Assert.True(code == 0, output + error);

        var rs256 = (await _server.PostAsync("/v1/keymanager/jwsSign", new { dataToSign = Payload, b64JWSHeaderParam = true, signAlgorithm = "RS256", includePayload = true })).Body.Field("jwtSignedData");
        Assert.StartsWith("{\"alg\":\"RS256\"", Encoding.UTF8.GetString(Decode(rs256.Split('.')[0])), StringComparison.Ordinal);
        Assert.True((await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = rs256 })).Body.Response()["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task V2_puts_the_chain_in_x5c_and_copies_additional_headers()
    {
        var jws = (await _server.PostAsync("/v1/keymanager/jwtSign/v2", new
        {
            dataToSign = Payload, applicationId = "KERNEL", referenceId = "SIGN", includePayload = true, includeCertificateChain = true,
            additionalHeaders = new Dictionary<string, string> { ["typ"] = "JWT", ["kid"] = "did:example:123" },
        })).Body.Field("jwtSignedData");
        var header = System.Text.Json.Nodes.JsonNode.Parse(Decode(jws.Split('.')[0]))!;
        Assert.Equal(3, header["x5c"]!.AsArray().Count); // KERNEL/SIGN → KERNEL → ROOT
        Assert.Equal("JWT", header["typ"]!.GetValue<string>());
        Assert.StartsWith("did:example:123#", header["kid"]!.GetValue<string>(), StringComparison.Ordinal);
        var verify = (await _server.PostAsync("/v1/keymanager/jwtVerify/v2", new { jwtSignatureData = jws, validateTrust = true })).Body;
        Assert.True(verify.Response()["signatureValid"]!.GetValue<bool>());
        Assert.Equal("TRUST_NOT_VERIFIED_NO_DOMAIN", verify.Field("trustValid"));
        var withDomain = (await _server.PostAsync("/v1/keymanager/jwtVerify/v2", new { jwtSignatureData = jws, validateTrust = true, domain = "AUTH" })).Body;
        Assert.Equal("TRUST_CERT_PATH_NOT_VALID", withDomain.Field("trustValid"));
    }

    [Fact]
    public async Task Signatures_made_by_jwcrypto_verify_with_the_supplied_certificate()
    {
        using var ca = await ExternalCa.CreateAsync();
        var (certificate, key) = await ca.IssueNewWithKeyAsync("partner-signer");
        var jws = await Python.RunAsync(
            "import sys\nfrom jwcrypto import jwk, jws\nkey = jwk.JWK.from_pem(open(sys.argv[1],'rb').read())\nt = jws.JWS(b'{\"partner\":\"data\"}')\nt.add_signature(key, None, {'alg':'PS256'})\nprint(t.serialize(compact=True))",
            await WriteAsync(key));
        var ok = (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, certificateData = certificate })).Body;
        Assert.True(ok.Response()["signatureValid"]!.GetValue<bool>());
        var tampered = jws[..^4] + (jws[^4] == 'A' ? "B" : "A") + jws[^3..];
        Assert.False((await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = tampered, certificateData = certificate })).Body.Response()["signatureValid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Raw_signatures_in_base58btc_and_base64url()
    {
        var data = Base64Url.Encode(Encoding.UTF8.GetBytes("raw data to sign"));
        var raw = (await _server.PostAsync("/v1/keymanager/signRawData", new { dataToSign = data, applicationId = "KERNEL", referenceId = "SIGN", responseEncodingFormat = "base64url", signAlgorithm = "RS256" })).Body;
        var certificate = X509Certificate2.CreateFromPem(raw.Field("certificate"));
        Assert.Equal("RS256", raw.Field("signatureAlgorithm"));
        Assert.False(string.IsNullOrEmpty(raw.Field("keyId")));
        Assert.True(certificate.GetRSAPublicKey()!.VerifyData(Encoding.UTF8.GetBytes("raw data to sign"), Decode(raw.Field("signedData")), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1));

        var multibase = (await _server.PostAsync("/v1/keymanager/signV2", new { dataToSign = data })).Body.Field("signature");
        Assert.StartsWith("z", multibase, StringComparison.Ordinal);
        Assert.True(Base58Btc.TryDecodeMultibase(multibase, out var pss));
        Assert.True(certificate.GetRSAPublicKey()!.VerifyData(Encoding.UTF8.GetBytes("raw data to sign"), pss, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pss));
        Assert.Equal("KER-KMS-036", (await _server.PostAsync("/v1/keymanager/signV2", new { dataToSign = data, responseEncodingFormat = "hex" })).Body.ErrorCode());
    }

    [Fact]
    public async Task Legacy_sign_and_validate_work_together()
    {
        var signature = (await _server.PostAsync("/v1/keymanager/sign", new { data = "some text" })).Body.Field("signature");
        Assert.Matches(@"^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$", signature);
        var ok = (await _server.PostAsync("/v1/keymanager/validate", new { signature, data = "some text", timestamp = "2025-01-01T10:00:00.000Z" })).Body;
        Assert.Equal("success", ok.Field("status"));
        Assert.Equal("Validation Successful", ok.Field("message"));
        Assert.Equal("KER-CSS-101", (await _server.PostAsync("/v1/keymanager/validate", new { signature, data = "other text", timestamp = "2025-01-01T10:00:00.000Z" })).Body.ErrorCode());
    }

    [Fact]
    public async Task Signature_error_codes()
    {
        Assert.Equal("KER-JWS-102", (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = "%%%" })).Body.ErrorCode());
        Assert.Equal("KER-JWS-103", (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Base64Url.Encode("not json"u8) })).Body.ErrorCode());
        Assert.Equal("KER-JWS-108", (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId = "NO_POLICY_APP" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-020", (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId = "REGISTRATION", referenceId = "base-ref" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-012", (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, applicationId = "RESIDENT", referenceId = "EC_SECP256R1_SIGN" })).Body.ErrorCode());
        Assert.Equal("KER-JWS-104", (await _server.PostAsync("/v1/keymanager/jwsSign", new { dataToSign = Payload, signAlgorithm = "ES256" })).Body.ErrorCode());
        Assert.Equal("KER-JWS-106", (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = "a.b" })).Body.ErrorCode());
        Assert.Equal("KER-JWS-106", (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = "garbage.garbage.garbage" })).Body.ErrorCode());
        Assert.Equal("KER-KMS-005", (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = "" })).Body.ErrorCode());
    }

    [Fact]
    public async Task Expired_certificate_is_KER_JWS_107()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new CertificateRequest("CN=ca-expired", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(new DateTimeOffset(2022, 12, 8, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 12, 8, 0, 0, 0, TimeSpan.Zero)).ExportCertificatePem();
        var jws = (await _server.PostAsync("/v1/keymanager/jwtSign", new { dataToSign = Payload, includePayload = true })).Body.Field("jwtSignedData");
        Assert.Equal("KER-JWS-107", (await _server.PostAsync("/v1/keymanager/jwtVerify", new { jwtSignatureData = jws, certificateData = certificate })).Body.ErrorCode());
    }

    private static byte[] Decode(string base64Url)
    {
        Assert.True(Base64Url.TryDecodeUrlSafe(base64Url, out var bytes));
        return bytes;
    }

    public void Dispose() => _files.Dispose();

    private async Task<string> WriteAsync(string content)
    {
        var path = _files.File(Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(path, content);
        return path;
    }
}
