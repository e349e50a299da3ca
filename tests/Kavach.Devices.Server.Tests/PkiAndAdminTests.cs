using System.Net;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Server.Tests.Support;

namespace Kavach.Devices.Server.Tests;

/// <summary>The public PKI routes, health, and the admin API's authentication and role checks.</summary>
public sealed class PkiAndAdminTests(DeviceServerFixture fixture) : IClassFixture<DeviceServerFixture>
{
    [Fact]
    public async Task Pki_ca_serves_the_device_ca_chain_as_pem_without_credentials()
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync("/pki/ca");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pem-certificate-chain", response.Content.Headers.ContentType?.MediaType);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, chain.Count);
        Assert.Equal(fixture.Pki.IssuingCa.Thumbprint, chain[0].Thumbprint);
        Assert.Equal(fixture.Pki.Root.Thumbprint, chain[1].Thumbprint);
    }

    [Fact]
    public async Task Health_answers_without_credentials()
    {
        using var client = fixture.Host.Client();

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Attack_admin_route_without_a_token_is_refused()
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync("/admin/devices");

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Unauthorized, "KER-DEV-105");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.")]
    public async Task Attack_admin_route_with_a_forged_token_is_refused(string token)
    {
        using var client = fixture.Host.Client(token: token);

        using var response = await client.GetAsync("/admin/devices");

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Unauthorized, "KER-DEV-105");
    }

    [Fact]
    public async Task Attack_device_certificate_does_not_open_admin_routes()
    {
        using var device = fixture.Pki.IssueDevice("SN-ADMIN");
        using var client = fixture.Host.Client(device);

        using var response = await client.GetAsync("/admin/devices");

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Unauthorized, "KER-DEV-105");
    }

    [Fact]
    public async Task Attack_key_manager_administrator_without_a_device_role_is_forbidden()
    {
        using var client = fixture.Host.Client(token: await fixture.Host.TokenAsync("keyadmin", "KEY_MANAGER_ADMIN", "GLOBAL_ADMIN"));

        using var response = await client.GetAsync("/admin/devices");

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Forbidden, "KER-DEV-106");
    }

    [Theory]
    [InlineData("DEVICE_VIEWER")]
    [InlineData("DEVICE_ADMIN")]
    [InlineData("DEVICE_APPROVER")]
    public async Task Every_device_role_may_read_the_registry(string role)
    {
        using var client = fixture.Host.Client(token: await fixture.Host.TokenAsync("reader", role));

        using var response = await client.GetAsync("/admin/devices");

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task The_local_admin_token_carries_every_device_role()
    {
        using var client = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());

        using var response = await client.GetAsync("/admin/devices/SN-UNKNOWN");

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/devices?state=NoSuchState")]
    [InlineData("/admin/devices?state=7")]
    [InlineData("/admin/devices?limit=0")]
    [InlineData("/admin/devices?limit=abc")]
    [InlineData("/admin/devices?rotationDue=maybe")]
    [InlineData("/admin/devices/%00%01")]
    [InlineData("/admin/devices/" + "x")]
    public async Task Malformed_admin_queries_never_answer_500(string path)
    {
        using var client = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());

        using var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode is >= 200 and < 500 or 503, $"{path}: {(int)response.StatusCode}");

        // A NUL in the path is refused by Kestrel itself (400, before the application); everything else is ours.
        if (!path.Contains("%00", StringComparison.Ordinal))
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
    }
    [Theory]
    [InlineData("/admin/providers")]
    [InlineData("/admin/models")]
    [InlineData("/admin/whitelist")]
    [InlineData("/admin/devices/SN0000000001/commands")]
    [InlineData("/admin/trust")]
    [InlineData("/admin/releases")]
    [InlineData("/admin/artifacts")]
    [InlineData("/admin/rollouts")]
    [InlineData("/admin/whitelist/B1/approve")]
    [InlineData("/admin/approvals/A1/approve")]
    public async Task Attack_viewer_cannot_write(string path)
    {
        using var client = fixture.Host.Client(token: await fixture.Host.TokenAsync("viewer", "DEVICE_VIEWER"));
        using var content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync(path, content);

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Forbidden, "KER-DEV-106");
    }

    [Theory]
    [InlineData("/admin/whitelist/B1/approve")]
    [InlineData("/admin/approvals/A1/approve")]
    public async Task Attack_administrator_without_the_approver_role_cannot_approve(string path)
    {
        using var client = fixture.Host.Client(token: await fixture.Host.TokenAsync("requester", "DEVICE_ADMIN"));

        using var response = await client.PostAsync(path, null);

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Forbidden, "KER-DEV-106");
    }

    [Theory]
    [InlineData("/admin/providers", "application/json", "{\"providerId\":\"bad id!\",\"kind\":\"DEVICE\"}")]
    [InlineData("/admin/providers", "application/json", "{not json")]
    [InlineData("/admin/providers", "application/json", "{\"providerId\":\"P1\",\"organizationName\":\"O\",\"kind\":\"DEVICE\",\"caCertificates\":\"-----BEGIN CERTIFICATE-----garbage\"}")]
    [InlineData("/admin/models", "application/json", "{\"id\":\"M1\",\"deviceProviderId\":\"nope\",\"deviceTypeCode\":\"Finger\",\"deviceSubTypeCode\":\"Full face\"}")]
    [InlineData("/admin/whitelist", "application/jose", "eyJhbGciOiJub25lIn0.e30.")]
    [InlineData("/admin/whitelist", "application/jose", "")]
    [InlineData("/admin/whitelist", "application/json", "{}")]
    [InlineData("/admin/trust", "application/json", "{\"signed\":{}}")]
    [InlineData("/admin/releases", "application/json", "[]")]
    [InlineData("/admin/rollouts", "application/json", "{\"releaseCounter\":-1,\"groupPercents\":[]}")]
    [InlineData("/admin/devices/SN0000000001/commands", "application/json", "{\"kind\":\"formatDisk\"}")]
    public async Task Malformed_admin_writes_get_a_coded_4xx_never_500(string path, string mediaType, string body)
    {
        using var client = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());
        using var content = new StringContent(body, System.Text.Encoding.UTF8, mediaType);

        using var response = await client.PostAsync(path, content);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.StartsWith("KER-", System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())?["errorCode"]?.GetValue<string>() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_configured_console_origins_no_cors_header_is_ever_sent()
    {
        using var client = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());

        using var preflight = await client.SendAsync(AdminConsole.ConsoleCorsTests.Preflight("/admin/devices", "https://console.example.org", "GET", "authorization"));
        using var get = await client.SendAsync(AdminConsole.ConsoleCorsTests.WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/admin/devices"), "https://console.example.org"));

        Assert.Null(AdminConsole.ConsoleCorsTests.Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(AdminConsole.ConsoleCorsTests.Header(get, "Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }
}
