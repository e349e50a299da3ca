using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Server.Tests.Security.Support;
using Kavach.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>
/// A server whose database does not answer runs, not ready: an authenticated key operation gets 503 "not ready" in the
/// MOSIP envelope, whether its handler takes key services or not; a broken envelope is still answered as such.
/// </summary>
public sealed class NotReadyTests : IAsyncLifetime, IDisposable
{
    private const string Issuer = "https://idp.example/realms/not-ready";
    private const string ValidTime = "2025-01-01T10:00:00.000Z";
    private readonly TempDirectory _directory = new("kavach-not-ready");
    private readonly RSA _key = RSA.Create(2048);
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = KavachServer.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--Kavach:DataDir={_directory.Path}",
            "--Logging:LogLevel:Default=None",

            // Nothing listens on port 1: the start-up retries and the server stays not ready.
            "--Kavach:Database:Provider=PostgreSql",
            "--Kavach:Database:ConnectionString=Host=127.0.0.1;Port=1;Username=kavach;Password=x;Database=kavach;Timeout=2",
            "--Kavach:Security:Jwt:Issuers:0:Name=static",
            $"--Kavach:Security:Jwt:Issuers:0:Issuer={Issuer}",
            $"--Kavach:Security:Jwt:Issuers:0:SigningKeys:0={_key.ExportSubjectPublicKeyInfoPem()}",
            "--Kavach:Security:Jwt:Issuers:0:Audiences:0=kavach",
        ]);
        await _app.StartAsync();
        Assert.False(_app.Services.GetRequiredService<KavachReadiness>().IsReady);
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = "kavach",
            ["sub"] = "resident",
            ["exp"] = TimeProvider.System.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(),
            ["roles"] = "RESIDENT",
        };
        _client = new HttpClient { BaseAddress = KavachServer.Address(_app) };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestJwt.SignRs256(_key, null, claims));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public void Dispose()
    {
        _key.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("/v1/keymanager/csverifysign", "{\"id\":\"a\",\"version\":\"v\",\"request\":{\"data\":\"eA\",\"signature\":\"eA\",\"publicKey\":\"eA\"}}")] // no key service
    [InlineData("/v1/keymanager/encrypt", "{\"id\":\"a\",\"version\":\"v\",\"request\":{\"applicationId\":\"REGISTRATION\",\"data\":\"eA\",\"timeStamp\":\"" + ValidTime + "\"}}")]
    [InlineData("/v1/keymanager/zkReEncryptRandomKey?encryptedKey=eA", null)]
    public async Task A_key_operation_is_503_not_ready(string path, string? body)
    {
        var (status, envelope) = await PostAsync(path, body, "application/json");
        Assert.Equal(503, status);
        AssertNotReady(envelope);
    }

    [Fact]
    public async Task A_query_is_503_not_ready()
    {
        using var response = await _client.GetAsync(new Uri("/v1/keymanager/tokenid/123456789012/partner-1", UriKind.Relative));
        Assert.Equal(503, (int)response.StatusCode);
        AssertNotReady(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task A_broken_envelope_is_answered_as_such_before_readiness_is_asked()
    {
        var (status, envelope) = await PostAsync("/v1/keymanager/csverifysign", "{\"id\":\"a\",", "application/json");
        Assert.Equal(200, status);
        Assert.Equal("KER-KMS-005", envelope["errors"]![0]!["errorCode"]!.GetValue<string>());

        (status, envelope) = await PostAsync("/v1/keymanager/csverifysign", "{}", "text/plain");
        Assert.Equal(415, status);

        (status, envelope) = await PostAsync("/v1/keymanager/csverifysign", "{\"id\":\"a\",\"version\":\"v\"}", "application/json");
        Assert.Equal(200, status);
        Assert.Equal("a", envelope["id"]!.GetValue<string>());
        Assert.Equal("request should not be null or empty", envelope["errors"]![0]!["message"]!.GetValue<string>());
    }

    private static void AssertNotReady(JsonNode envelope)
    {
        Assert.Null(envelope["response"]);
        Assert.Null(envelope["id"]);
        var error = Assert.Single(envelope["errors"]!.AsArray());
        Assert.Equal("KER-KMS-500", error!["errorCode"]!.GetValue<string>());
        Assert.Equal("Service not ready; retry later", error["message"]!.GetValue<string>());
    }

    private async Task<(int Status, JsonNode Body)> PostAsync(string path, string? body, string contentType)
    {
        using var content = new StringContent(body ?? string.Empty, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await _client.PostAsync(new Uri(path, UriKind.Relative), body is null ? null : content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
