using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using Kavach.Devices.Server.Tests.Support;

namespace Kavach.Devices.Server.Tests;

/// <summary>
/// The one HTTPS port over real TLS on loopback: TLS 1.3 only, the client-certificate door of the device routes, body
/// limits and media type. Each refusal names the attack and asserts the coded answer.
/// </summary>
public sealed class DeviceDoorTests(DeviceServerFixture fixture) : IClassFixture<DeviceServerFixture>
{
    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "POST", "/v1/checkin" },
        { "GET", "/v1/commands" },
        { "POST", "/v1/commands/3f1e/result" },
        { "POST", "/v1/enroll/confirm" },
        { "POST", "/v1/keys/rotate" },
        { "POST", "/v1/keys/rotate/confirm" },
        { "GET", "/v1/updates/trust.json" },
        { "GET", "/v1/updates/artifacts/00ff" },
        { "POST", "/v1/updates/report" },
        { "GET", "/v1/no-such-route" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Attack_device_route_without_a_client_certificate_is_refused_at_the_door(string method, string path)
    {
        using var client = fixture.Host.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Body() : null };

        using var response = await client.SendAsync(request);

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Unauthorized, "KER-DEV-100");
    }

    [Fact]
    public async Task Attack_rogue_self_signed_device_certificate_is_refused_at_the_door()
    {
        using var rogue = HostTestPki.SelfSignedDevice("SN-0001", DateTimeOffset.UtcNow);
        using var client = fixture.Host.Client(rogue);

        using var response = await client.PostAsync("/v1/checkin", Body());

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Unauthorized, "KER-DEV-100");
    }

    [Fact]
    public async Task Attack_certificate_of_the_device_ca_itself_is_not_a_device_certificate()
    {
        // The issuing CA's own certificate chains to the root, but it is not issued by a device CA and has no clientAuth.
        using var client = fixture.Host.Client(fixture.Pki.IssuingCa);

        using var response = await client.PostAsync("/v1/checkin", Body());

        await ErrorAssert.CodeAsync(response, HttpStatusCode.Unauthorized, "KER-DEV-100");
    }

    [Fact]
    public async Task A_certificate_from_the_device_ca_passes_the_door_to_the_route()
    {
        using var device = fixture.Pki.IssueDevice("SN-0002");
        using var client = fixture.Host.Client(device);

        using var response = await client.PostAsync("/v1/checkin", Body());

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}");
    }

    [Theory]
    [InlineData("GET", "/v1/enroll/challenge")]
    [InlineData("POST", "/v1/enroll")]
    [InlineData("POST", "/v1/time")]
    [InlineData("POST", "/v1/deregister/ack")]
    public async Task Enrolment_and_time_routes_need_no_client_certificate(string method, string path)
    {
        using var client = fixture.Host.Client();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? Body() : null };

        using var response = await client.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Attack_tls_1_2_client_is_refused_at_the_handshake()
    {
        using var client = fixture.Host.Client(protocols: SslProtocols.Tls12);

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/health/live"));

        Assert.IsType<AuthenticationException>(failure.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task Tls_1_3_is_negotiated()
    {
        using var client = fixture.Host.Client(protocols: SslProtocols.Tls13);

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Attack_ten_megabyte_body_is_refused_with_413_before_it_is_read()
    {
        using var client = fixture.Host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/enroll")
        {
            Content = new ByteArrayContent(new byte[10 * 1024 * 1024]) { Headers = { ContentType = new MediaTypeHeaderValue("application/jose") } },
        };
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        await ErrorAssert.CodeAsync(response, HttpStatusCode.RequestEntityTooLarge, "KER-DEV-103");
    }

    [Fact]
    public async Task Attack_chunked_body_over_64_KiB_is_refused_with_413()
    {
        using var client = fixture.Host.Client();
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(new string('a', 80 * 1024))));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/jose");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/time") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await ErrorAssert.CodeAsync(response, HttpStatusCode.RequestEntityTooLarge, "KER-DEV-103");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task A_device_message_in_another_media_type_is_refused_with_415(string mediaType)
    {
        using var client = fixture.Host.Client();

        using var response = await client.PostAsync("/v1/enroll", new StringContent("{}", Encoding.UTF8, mediaType));

        await ErrorAssert.CodeAsync(response, HttpStatusCode.UnsupportedMediaType, "KER-DEV-109");
    }

    [Theory]
    [InlineData("")]
    [InlineData("eyJ\u00e9.x")]
    [InlineData("a b.c")]
    [InlineData("\0\0\0")]
    public async Task A_body_that_cannot_be_compact_jose_is_refused_with_400(string body)
    {
        using var client = fixture.Host.Client();

        using var response = await client.PostAsync("/v1/enroll", new StringContent(body, Encoding.UTF8, "application/jose"));

        await ErrorAssert.CodeAsync(response, HttpStatusCode.BadRequest, "KER-DEV-110");
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_no_server_header()
    {
        using var client = fixture.Host.Client();

        using var response = await client.GetAsync("/v1/enroll/challenge");

        Assert.False(response.Headers.Contains("Server"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_route_and_wrong_method_answer_the_json_error_shape()
    {
        using var client = fixture.Host.Client();

        using var missing = await client.GetAsync("/nothing-here");
        using var wrongMethod = await client.DeleteAsync("/v1/enroll");

        await ErrorAssert.CodeAsync(missing, HttpStatusCode.NotFound, "KER-DEV-101");
        await ErrorAssert.CodeAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "KER-DEV-102");
    }

    private static StringContent Body() => new("eyJhbGciOiJSUzI1NiJ9.e30.c2ln", Encoding.ASCII, "application/jose");
}
