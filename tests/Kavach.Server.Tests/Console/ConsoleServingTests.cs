using System.Net;
using System.Text.Json.Nodes;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Console;

/// <summary>The console's files at /console/: built into the server, under a policy of their own, telling the page only what it needs.</summary>
public sealed class ConsoleServingTests(ConsoleServingTests.Fixture fixture) : IClassFixture<ConsoleServingTests.Fixture>
{
    private readonly TestServer _server = fixture.Server;

    /// <summary>One server with a console that names an identity provider and a device server.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await TestServer.StartAsync(extraArgs:
        [
            "--Kavach:Console:Oidc:Authority=https://iam.example.org/realms/mosip",
            "--Kavach:Console:Oidc:ClientId=kavach-console",
            "--Kavach:Console:DeviceServerUrl=https://devices.example.org:8443",
        ]);

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private static HttpClient Anonymous(TestServer server) => new() { BaseAddress = server.Client.BaseAddress };

    [Fact]
    public async Task The_page_loads_without_credentials_and_names_only_its_own_files()
    {
        using var anonymous = Anonymous(_server);
        using var page = await anonymous.GetAsync(new Uri("/console/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.StartsWith("/console/assets/", s, StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        foreach (var asset in scripts)
        {
            using var file = await anonymous.GetAsync(new Uri(asset, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Contains("immutable", file.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_policy_allows_this_server_and_the_configured_origins_only()
    {
        using var anonymous = Anonymous(_server);
        using var page = await anonymous.GetAsync(new Uri("/console/", UriKind.Relative));
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://iam.example.org https://devices.example.org:8443;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("data:", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));

        // The API keeps its own policy.
        using var api = await _server.Client.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=KERNEL", UriKind.Relative));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(";", api.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-store", api.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_configuration_tells_the_page_where_to_sign_in_and_the_device_server()
    {
        using var anonymous = Anonymous(_server);
        var config = JsonNode.Parse(await anonymous.GetStringAsync(new Uri("/console/config.json", UriKind.Relative)))!;
        Assert.Equal("https://iam.example.org/realms/mosip", (string?)config["oidc"]!["authority"]);
        Assert.Equal("kavach-console", (string?)config["oidc"]!["clientId"]);
        Assert.Equal("openid profile", (string?)config["oidc"]!["scope"]);
        Assert.Equal("https://devices.example.org:8443", (string?)config["deviceServer"]!["url"]);
        Assert.Equal(2, config.AsObject().Count);
    }

    [Theory]
    [InlineData("/console/assets/missing.js")]
    [InlineData("/console/../v1/keymanager/getAllCertificates")]
    [InlineData("/console/%2e%2e/appsettings.json")]
    [InlineData("/console/assets/..%2F..%2Fappsettings.json")]
    public async Task Attack_paths_outside_the_built_files_find_nothing(string path)
    {
        // Attack: read server files or reach the API anonymously through the console's file route.
        using var anonymous = Anonymous(_server);
        using var response = await anonymous.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Kavach\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("certificateData", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_without_a_slash_redirects_to_it()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _server.Client.BaseAddress };
        using var response = await anonymous.GetAsync(new Uri("/console", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("--Kavach:Console:Oidc:Authority=http://iam.example.org/realms/mosip", "Kavach:Console:Oidc:Authority")]
    [InlineData("--Kavach:Console:Oidc:Authority=https://iam.example.org/x?y=1", "Kavach:Console:Oidc:Authority")]
    [InlineData("--Kavach:Console:Oidc:ClientId=bad client; script-src *", "Kavach:Console:Oidc:ClientId")]
    [InlineData("--Kavach:Console:DeviceServerUrl=https://devices.example.org; script-src *", "Kavach:Console:DeviceServerUrl")]
    [InlineData("--Kavach:Console:DeviceServerUrl=ftp://devices.example.org", "Kavach:Console:DeviceServerUrl")]
    public void A_console_setting_that_could_bend_the_policy_stops_the_start(string setting, string named)
    {
        using var dir = new Kavach.Testing.TempDirectory("kavach-console-config");
        var args = new List<string> { "--urls=http://127.0.0.1:0", $"--Kavach:DataDir={dir.Path}", setting };
        if (!setting.Contains("Oidc:Authority", StringComparison.Ordinal) && setting.Contains("Oidc", StringComparison.Ordinal))
        {
            args.Add("--Kavach:Console:Oidc:Authority=https://iam.example.org/realms/mosip");
        }
        else if (setting.Contains("Oidc:Authority", StringComparison.Ordinal))
        {
            args.Add("--Kavach:Console:Oidc:ClientId=kavach-console");
        }

        var e = Assert.Throws<Kavach.Hosting.Composition.KavachConfigurationException>(() => KavachServer.Build([.. args]));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
