using System.Text;
using System.Text.Json.Nodes;
using Kavach.Crypto;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// The client mistakes that used to crash the server (HTTP 500): each is refused with a MOSIP envelope and a code, and
/// nothing reaches the key, the database query or the audit trail's parser in a way that can fail.
/// </summary>
public sealed class ClientMistakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Api = "/v1/keymanager";
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task JwtEncrypt_without_applicationId_is_400_KMS_005_and_makes_no_JWE()
    {
        var (status, body) = await _server.PostAsync($"{Api}/jwtEncrypt", new { referenceId = "mistake-1", data = "eyJhIjoxfQ" });

        Assert.Equal(400, status);
        Assert.Equal("KER-KMS-005", body.ErrorCode());
        Assert.Equal("request.applicationId should not be null or empty", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task JwtEncrypt_with_a_certificate_and_no_applicationId_still_encrypts()
    {
        var certificate = (await _server.GetAsync($"{Api}/getCertificate?applicationId=REGISTRATION&referenceId=mistake-2")).Body.Field("certificate");
        var (status, body) = await _server.PostAsync($"{Api}/jwtEncrypt", new { data = "eyJhIjoxfQ", x509Certificate = certificate });

        Assert.Equal(200, status);
        Assert.Equal(5, body.Field("data").Split('.').Length);
    }

    [Theory]
    [InlineData("jwtDecrypt")]
    [InlineData("jwtVerify")]
    [InlineData("jwtVerify/v2")]
    public async Task JOSE_header_with_invalid_UTF8_is_refused_with_an_envelope_not_a_crash(string endpoint)
    {
        foreach (var header in ShapeFuzzer.HostileHeaders())
        {
            var compact = endpoint == "jwtDecrypt"
                ? $"{header}.{B64("k")}.{B64("iv")}.{B64("ct")}.{B64("tag")}"
                : $"{header}.{B64("{}")}.{B64("sig")}";
            object request = endpoint == "jwtDecrypt"
                ? new { applicationId = "REGISTRATION", referenceId = "mistake-3", encData = compact }
                : new { jwtSignatureData = compact, actualData = B64("{}") };

            var (status, text) = await _server.SendRawAsync(HttpMethod.Post, $"{Api}/{endpoint}", TestServer.Wrap(request), "application/json");

            Assert.True(status < 500, $"{endpoint} with header {header}: HTTP {status} {text}");
            Assert.Null(EnvelopeAssert.Problem(status, text));
            Assert.NotNull(EnvelopeAssert.ErrorCode(text));
        }
    }

    [Theory]
    [InlineData("issuedTo")]
    [InlineData("issuedBy")]
    [InlineData("certId")]
    public async Task GetCaCertificates_with_a_50000_character_filter_is_400_KMS_005(string filter)
    {
        var request = new JsonObject { [filter] = new string('a', 50_000) };
        var (status, text) = await _server.SendRawAsync(HttpMethod.Post, $"{Api}/getCaCertificates", TestServer.Wrap(request), "application/json");

        Assert.Equal(400, status);
        Assert.Equal("KER-KMS-005", EnvelopeAssert.ErrorCode(text));
        Assert.Contains($"request.{filter}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCaCertificates_filter_at_the_limit_is_answered()
    {
        var request = new JsonObject { ["issuedTo"] = new string('%', Kavach.Trust.Authorities.CaCertificateListRequest.MaxFilterLength) };
        var (status, text) = await _server.SendRawAsync(HttpMethod.Post, $"{Api}/getCaCertificates", TestServer.Wrap(request), "application/json");

        Assert.Equal(200, status);
        Assert.Equal(0, JsonNode.Parse(text)!.Response()["totalRecords"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("zkEncrypt")]
    [InlineData("zkDecrypt")]
    public async Task Zk_request_with_a_null_attribute_is_400_KMS_005(string endpoint)
    {
        var request = new JsonObject { ["id"] = "123456789012", ["zkDataAttributes"] = new JsonArray(new JsonObject { ["identifier"] = "name", ["value"] = "eA" }, null) };
        var (status, text) = await _server.SendRawAsync(HttpMethod.Post, $"{Api}/{endpoint}", TestServer.Wrap(request), "application/json");

        Assert.Equal(400, status);
        Assert.Equal("KER-KMS-005", EnvelopeAssert.ErrorCode(text));
        Assert.Contains("request.zkDataAttributes[1]", text, StringComparison.Ordinal);
    }

    private static string B64(string text) => Base64Url.Encode(Encoding.UTF8.GetBytes(text));
}
