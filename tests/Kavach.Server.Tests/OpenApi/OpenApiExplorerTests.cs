using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.OpenApi;

/// <summary>Swagger UI over the same document, at the address MOSIP operators know, under a policy of its own.</summary>
public sealed class OpenApiExplorerTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task The_explorer_is_served_without_credentials_and_reads_the_document()
    {
        using var anonymous = Anonymous();
        using var page = await anonymous.GetAsync(new Uri("/v1/keymanager/swagger-ui/index.html", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("swagger-ui-bundle.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var script = await anonymous.GetStringAsync(new Uri("/v1/keymanager/swagger-ui/index.js", UriKind.Relative));
        Assert.Contains("\"url\":\"/openapi/v1.json\"", script, StringComparison.Ordinal);
        Assert.Contains("\"persistAuthorization\":false", script, StringComparison.Ordinal);
        using var bundle = await anonymous.GetAsync(new Uri("/v1/keymanager/swagger-ui/swagger-ui-bundle.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
    }

    [Theory]
    [InlineData("/v1/keymanager/swagger-ui.html")]
    [InlineData("/swagger")]
    public async Task MOSIP_s_address_leads_to_the_explorer(string address)
    {
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync(new Uri(address, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/v1/keymanager/swagger-ui/index.html", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_explorer_s_policy_lets_it_run_and_the_API_keeps_its_own()
    {
        using var anonymous = Anonymous();
        using var page = await anonymous.GetAsync(new Uri("/v1/keymanager/swagger-ui/index.html", UriKind.Relative));
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));

        foreach (var path in new[] { "/v1/keymanager/getCertificate?applicationId=KERNEL", "/openapi/v1.json", "/health/live" })
        {
            using var response = await _server.Client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(ApiPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Theory]
    [InlineData("/v1/keymanager/swagger-ui%2F..%2FgetCertificate?applicationId=KERNEL")]
    [InlineData("/v1/keymanager/swagger-ui.html%2F..%2FgetCertificate?applicationId=KERNEL")]
    [InlineData("/v1/keymanager/swagger-uiX/getCertificate?applicationId=KERNEL")]
    [InlineData("/v1/keymanager/getCertificate/swagger-ui?applicationId=KERNEL")]
    public async Task Attack_paths_dressed_as_the_explorer_do_not_skip_authentication(string path)
    {
        // Attack: reach a protected endpoint anonymously through the explorer's exemption from authentication.
        using var anonymous = Anonymous();
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("KER-ATH-401", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_endpoint_is_mapped_where_authentication_is_skipped()
    {
        var sources = _server.Services.GetRequiredService<EndpointDataSource>();
        var exempt = sources.Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/v1/keymanager/swagger-ui", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.Empty(exempt);
    }

    [Fact]
    public async Task Try_it_out_with_a_bearer_token_runs_the_documented_example()
    {
        // What the explorer sends: the operation's example envelope, with the token from "Authorize" as a bearer header.
        using var anonymous = Anonymous();
        var document = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
        var example = document["paths"]!["/v1/keymanager/encrypt"]!["post"]!["requestBody"]!["content"]!["application/json"]!["example"]!.ToJsonString();

        var (refused, _) = await SendAsync(anonymous, example);
        Assert.Equal(401, refused);

        using var authorized = Anonymous();
        authorized.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _server.MintAdminTokenAsync());
        var (status, body) = await SendAsync(authorized, example);
        Assert.Equal(200, status);
        Assert.True(body["errors"] is null or JsonArray { Count: 0 }, body.ToJsonString());
        Assert.False(string.IsNullOrEmpty(body["response"]!["data"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_explorer_can_be_turned_off()
    {
        await using var server = await TestServer.StartAsync(extraArgs: ["--Kavach:OpenApi:SwaggerUi=false"]);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Client.BaseAddress };
        foreach (var path in new[] { "/v1/keymanager/swagger-ui/index.html", "/v1/keymanager/swagger-ui.html", "/swagger" })
        {
            using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var document = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    private static async Task<(int Status, JsonNode Body)> SendAsync(HttpClient client, string envelope)
    {
        using var content = new StringContent(envelope, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/v1/keymanager/encrypt", UriKind.Relative), content);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.Client.BaseAddress };
}
