using System.Net;
using Kavach.Devices.Server.Tests.Support;

namespace Kavach.Devices.Server.Tests.AdminConsole;

/// <summary>CORS for the operator console: configured origins on the admin routes only, preflight without a token.</summary>
public sealed class ConsoleCorsTests(ConsoleServerFixture fixture) : IClassFixture<ConsoleServerFixture>
{
    private const string Other = "https://evil.example.net";

    [Fact]
    public async Task A_preflight_from_the_console_origin_is_answered_without_a_token()
    {
        using var client = fixture.Host.Client();

        using var response = await client.SendAsync(Preflight("/admin/devices/SN1/deregister", ConsoleServerFixture.Origin, "POST", "authorization,content-type,x-kavach-reason"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(ConsoleServerFixture.Origin, Header(response, "Access-Control-Allow-Origin"));
        var methods = Header(response, "Access-Control-Allow-Methods")!.Split(',', StringSplitOptions.TrimEntries);
        Assert.Contains("POST", methods);
        Assert.DoesNotContain("DELETE", methods);
        var headers = Header(response, "Access-Control-Allow-Headers")!.ToUpperInvariant();
        Assert.Contains("X-KAVACH-REASON", headers, StringComparison.Ordinal);
        Assert.Contains("AUTHORIZATION", headers, StringComparison.Ordinal);
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task A_second_configured_origin_is_allowed_too()
    {
        using var client = fixture.Host.Client();

        using var response = await client.SendAsync(Preflight("/admin/devices", "http://localhost:5173", "GET", "authorization"));

        Assert.Equal("http://localhost:5173", Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_get_from_the_console_origin_carries_the_cors_headers_also_when_refused()
    {
        using var client = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());
        using var anonymous = fixture.Host.Client();

        using var response = await client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/admin/devices"), ConsoleServerFixture.Origin));
        using var refused = await anonymous.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/admin/devices"), ConsoleServerFixture.Origin));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleServerFixture.Origin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
        await ErrorAssert.CodeAsync(refused, HttpStatusCode.Unauthorized, "KER-DEV-105");
        Assert.Equal(ConsoleServerFixture.Origin, Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Attack_another_origin_gets_no_cors_headers_on_preflight_or_get()
    {
        using var client = fixture.Host.Client(token: await fixture.Host.AdminTokenAsync());

        using var preflight = await client.SendAsync(Preflight("/admin/devices", Other, "GET", "authorization"));
        using var get = await client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, "/admin/devices"), Other));

        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(preflight, "Access-Control-Allow-Methods"));
        Assert.Null(Header(get, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/v1/checkin")]
    [InlineData("/v1/enrol")]
    [InlineData("/v1/time")]
    [InlineData("/pki/ca")]
    [InlineData("/health/live")]
    public async Task Attack_device_and_public_routes_never_get_cors_headers(string path)
    {
        using var client = fixture.Host.Client();

        using var preflight = await client.SendAsync(Preflight(path, ConsoleServerFixture.Origin, "POST", "content-type"));
        using var get = await client.SendAsync(WithOrigin(new HttpRequestMessage(HttpMethod.Get, path), ConsoleServerFixture.Origin));

        Assert.Null(Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Null(Header(get, "Access-Control-Allow-Origin"));
        Assert.NotEqual(HttpStatusCode.NoContent, preflight.StatusCode);
    }

    [Fact]
    public async Task An_admin_preflight_never_reaches_a_route()
    {
        using var client = fixture.Host.Client();

        // A route that does not exist and one that would need a token: both are answered by the CORS middleware alone.
        using var missing = await client.SendAsync(Preflight("/admin/no-such-route", ConsoleServerFixture.Origin, "POST", "content-type"));

        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
        Assert.Equal(0, missing.Content.Headers.ContentLength ?? 0);
    }

    internal static HttpRequestMessage Preflight(string path, string origin, string method, string headers)
    {
        var request = WithOrigin(new HttpRequestMessage(HttpMethod.Options, path), origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    internal static HttpRequestMessage WithOrigin(HttpRequestMessage request, string origin)
    {
        request.Headers.Add("Origin", origin);
        return request;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
