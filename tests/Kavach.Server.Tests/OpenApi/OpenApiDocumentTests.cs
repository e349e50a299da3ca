using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.OpenApi;

/// <summary>The OpenAPI document a client generator and a UI use: security schemes, ids, tags, enums, MOSIP errors, examples.</summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Security_schemes_are_bearer_JWT_the_MOSIP_cookie_and_mutual_TLS()
    {
        var schemes = (await DocumentAsync())["components"]!["securitySchemes"]!;
        Assert.Equal("http", schemes["bearerAuth"]!["type"]!.GetValue<string>());
        Assert.Equal("bearer", schemes["bearerAuth"]!["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", schemes["bearerAuth"]!["bearerFormat"]!.GetValue<string>());
        Assert.Equal("apiKey", schemes["authorizationCookie"]!["type"]!.GetValue<string>());
        Assert.Equal("cookie", schemes["authorizationCookie"]!["in"]!.GetValue<string>());
        Assert.Equal("Authorization", schemes["authorizationCookie"]!["name"]!.GetValue<string>());
        Assert.Equal("mutualTLS", schemes["mutualTLS"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_operation_has_a_unique_id_a_summary_a_tag_and_its_MOSIP_errors()
    {
        var operations = Operations(await DocumentAsync()).ToList();
        Assert.True(operations.Count >= 45, $"only {operations.Count} operations");
        var bare = operations.Where(o => o.Operation["operationId"] is null || o.Operation["summary"] is null || o.Operation["tags"] is not JsonArray { Count: 1 }).Select(o => o.Name).ToList();
        Assert.True(bare.Count == 0, "operations without a description (add .Describe(...) to their mapping): " + string.Join(", ", bare));

        var ids = operations.Select(o => o.Operation["operationId"]!.GetValue<string>()).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var (name, operation) in operations.Where(o => o.Name.Contains("/v1/keymanager/", StringComparison.Ordinal)))
        {
            var codes = operation["x-mosip-error-codes"]!.AsArray().Select(e => e!["errorCode"]!.GetValue<string>()).ToList();
            Assert.Contains("KER-ATH-401", codes);
            Assert.Contains("KER-ATH-401", operation["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(operation["security"]!.AsArray().Count == 3, name);
            Assert.NotNull(operation["responses"]!["401"]);
        }
    }

    [Fact]
    public async Task Operation_ids_are_MOSIP_s_where_MOSIP_serves_the_endpoint()
    {
        var ours = Operations(await DocumentAsync()).ToDictionary(o => o.Name, o => o.Operation["operationId"]?.GetValue<string>(), StringComparer.Ordinal);
        var compared = 0;
        foreach (var (name, mosipId) in MosipOperationIds)
        {
            var (method, path) = (name.Split(' ')[0], name.Split(' ')[1]);
            if (ours.TryGetValue($"{method} /v1/keymanager{path}", out var id))
            {
                Assert.Equal(mosipId, id);
                compared++;
            }
        }

        Assert.True(compared >= 30, $"only {compared} operations compared with MOSIP's");
    }

    [Fact]
    public async Task Closed_value_sets_are_enums()
    {
        var document = await DocumentAsync();
        var generate = document["paths"]!["/v1/keymanager/generateMasterKey/{objectType}"]!["post"]!;
        var objectType = generate["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "objectType")!;
        Assert.Equal(["CERTIFICATE", "CSR"], objectType["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));

        var schemas = document["components"]!["schemas"]!;
        Assert.Equal(["RS256", "PS256", "ES256", "ES256K", "EdDSA"], schemas["SignatureRequestDto"]!["properties"]!["signAlgorithm"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["LOCAL", "ANDROID", "TPM"], schemas["ClientCryptoRequestDto"]!["properties"]!["clientType"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_request_body_has_an_example_in_MOSIP_s_envelope()
    {
        foreach (var (name, operation) in Operations(await DocumentAsync()))
        {
            if (operation["requestBody"] is not { } body)
            {
                continue;
            }

            var example = body["content"]!["application/json"]!["example"];
            Assert.True(example is JsonObject, $"{name} has no request example");
            Assert.Equal("1.0", example!["version"]!.GetValue<string>());
            Assert.True(example["request"] is JsonObject, name);
        }
    }

    [Fact]
    public async Task Health_operations_need_no_credentials()
    {
        var document = await DocumentAsync();
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var operation = document["paths"]![path]!["get"]!;
            Assert.All(operation["security"]!.AsArray(), requirement => Assert.Empty(requirement!.AsObject()));
        }
    }

    internal static IEnumerable<(string Name, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(method => Methods.Contains(method.Key))
                .Select(method => ($"{method.Key} {path.Key}", method.Value!)));

    // The operationIds of MOSIP's kernel-keymanager-service OpenAPI file (method, path under /v1/keymanager), as MOSIP
    // publishes them; endpoints Kavach does not serve (license keys, PDF signing, the Dt variants) are skipped above.
    private static readonly Dictionary<string, string> MosipOperationIds = new(StringComparer.Ordinal)
    {
        ["post /cssign"] = "signData",
        ["post /csverifysign"] = "verifySignature",
        ["post /decrypt"] = "decrypt",
        ["post /decryptDt"] = "decryptDt",
        ["post /decryptWithPin"] = "decryptWithPin",
        ["post /encrypt"] = "encrypt",
        ["post /encryptDt"] = "encryptDt",
        ["post /encryptWithPin"] = "encryptWithPin",
        ["post /generateCSR"] = "generateCSR",
        ["post /generateMasterKey/{objectType}"] = "generateMasterKey",
        ["post /generateSymmetricKey"] = "generateSymmetricKey",
        ["get /getCertificate"] = "getCertificate",
        ["get /getPartnerCertificate/{partnerCertId}"] = "getPartnerCertificate",
        ["get /getZKTempCertificate"] = "getZKTempCertificate",
        ["post /jwsSign"] = "jwsSign",
        ["post /jwtSign"] = "jwtSign",
        ["post /jwtVerify"] = "jwtVerify",
        ["post /license/generate"] = "generateLicenseKey",
        ["get /license/permission"] = "fetchLicenseKeyPermissions",
        ["post /license/permission"] = "mapLicenseKey",
        ["post /migrateBaseKey"] = "migrateBaseKey",
        ["post /migrateZKKeys"] = "migrateZKKeys",
        ["post /pdf/sign"] = "signPDF",
        ["put /revokeKey"] = "revokeKey",
        ["post /sign"] = "sign",
        ["get /tokenid/{uin}/{partnercode}"] = "generateTokenID",
        ["post /tpmdecrypt"] = "tpmDecrypt",
        ["post /tpmencrypt"] = "tpmEncrypt",
        ["post /tpmencryption/publickey"] = "getEncPublicKey",
        ["post /tpmsigning/publickey"] = "getSigningPublicKey",
        ["post /uploadCACertificate"] = "uploadCACertificate",
        ["post /uploadCertificate"] = "uploadCertificate",
        ["post /uploadOtherDomainCertificate"] = "uploadOtherDomainCertificate",
        ["post /uploadPartnerCertificate"] = "uploadPartnerCertificate",
        ["post /validate"] = "validate",
        ["post /verifyCertificateTrust"] = "verifyCertificateTrust",
        ["post /zkDecrypt"] = "zkDecrypt",
        ["post /zkEncrypt"] = "zkEncrypt",
        ["post /zkReEncryptRandomKey"] = "zkReEncryptRandomKey",
    };

    private async Task<JsonNode> DocumentAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        return JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
    }
}
