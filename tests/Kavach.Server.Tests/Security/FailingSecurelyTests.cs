using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>Rate limits, security headers, JSON nesting and Kestrel timeouts, on a server with small limits.</summary>
public sealed class FailingSecurelyTests : IClassFixture<FailingSecurelyTests.LimitedServer>
{
    private readonly TestServer _server;

    public FailingSecurelyTests(LimitedServer limited) => _server = limited.Server;

    [Fact]
    public async Task Each_client_has_its_own_bucket_and_excess_is_429_with_an_envelope()
    {
        var busy = await _server.IssueTokenAsync("busy-client", ["REGISTRATION_OFFICER"]);
        var statuses = new List<int>();
        string? refused = null;
        HttpResponseMessage? last = null;
        for (var i = 0; i < 30; i++)
        {
            last?.Dispose();
            last = await SendAsync(busy, "/v1/keymanager/getCertificate?applicationId=ROOT");
            statuses.Add((int)last.StatusCode);
            if (last.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
            {
                refused = await last.Content.ReadAsStringAsync();
                Assert.NotNull(last.Headers.RetryAfter);
                break;
            }
        }

        last?.Dispose();
        Assert.Contains(200, statuses);
        Assert.NotNull(refused);
        Assert.Equal("KER-ATH-429", EnvelopeAssert.ErrorCode(refused));
        Assert.Null(EnvelopeAssert.Problem(429, refused));

        // Another subject is not affected, and neither is health.
        using var other = await SendAsync(await _server.IssueTokenAsync("quiet-client", ["REGISTRATION_OFFICER"]), "/v1/keymanager/getCertificate?applicationId=ROOT");
        Assert.Equal(200, (int)other.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        for (var i = 0; i < 30; i++)
        {
            using var health = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(200, (int)health.StatusCode);
        }
    }

    [Fact]
    public async Task A_service_client_gets_the_service_bucket_which_a_person_with_the_same_endpoint_rights_does_not()
    {
        var service = await _server.IssueTokenAsync("registration-processor", ["REGISTRATION_PROCESSOR"]);
        var person = await _server.IssueTokenAsync("registration-officer", ["REGISTRATION_OFFICER"]);

        // The service burst (20) is twice the personal one (10): the first 20 service requests all pass, while the
        // person's excess is refused well before that.
        for (var i = 0; i < 20; i++)
        {
            using var response = await SendAsync(service, "/v1/keymanager/getCertificate?applicationId=ROOT");
            Assert.Equal(200, (int)response.StatusCode);
        }

        var personStatuses = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            using var response = await SendAsync(person, "/v1/keymanager/getCertificate?applicationId=ROOT");
            personStatuses.Add((int)response.StatusCode);
        }

        Assert.Contains(429, personStatuses);
    }

    [Fact]
    public void The_default_service_rate_lets_one_client_use_every_core_at_the_measured_cheapest_request_cost()
    {
        var defaults = new Kavach.Hosting.Security.Options.ClientRateLimitOptions();

        // getCertificate costs 41 µs of server CPU (docs/performance.md): about 24,400 requests per second per core.
        Assert.True(defaults.EffectiveServicePerSecond(1) >= 1_000_000 / 41);
        Assert.Equal(8 * defaults.EffectiveServicePerSecond(1), defaults.EffectiveServicePerSecond(8));
        Assert.Equal(2 * defaults.EffectiveServicePerSecond(8), defaults.EffectiveServiceBurst(8));
        Assert.True(defaults.AuthenticatedPerSecond < defaults.EffectiveServicePerSecond(1));
        Assert.Equal(5, new Kavach.Hosting.Security.Options.ClientRateLimitOptions { ServicePerSecond = 5 }.EffectiveServicePerSecond(8));
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_address()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        var statuses = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=ROOT", UriKind.Relative));
            statuses.Add((int)response.StatusCode);
        }

        Assert.Contains(401, statuses);
        Assert.Contains(429, statuses);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers_and_no_server_banner()
    {
        var token = await _server.IssueTokenAsync("headers-client", ["RESIDENT"]);
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        var responses = new[]
        {
            await SendAsync(token, "/v1/keymanager/getCertificate?applicationId=ROOT"),
            await SendAsync(token, "/v1/keymanager/getCertificate"),
            await SendAsync(token, "/v1/keymanager/no-such-endpoint"),
            await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=ROOT", UriKind.Relative)),
            await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative)),
        };
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
                Assert.Equal("DENY", Header(response, "X-Frame-Options"));
                Assert.Contains("default-src 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
                Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
                Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
                Assert.False(response.Headers.Contains("Server"));
            }
        }
    }

    [Theory]
    [InlineData("/v1/keymanager/encrypt", "RESIDENT", "{\"applicationId\":\"REGISTRATION\"}")]
    [InlineData("/v1/keymanager/uploadCACertificate", "KEY_MANAGER_ADMIN", "{\"certificateData\":\"x\",\"partnerDomain\":\"AUTH\"}")]
    [InlineData("/v1/keymanager/verifyCertificateTrust", "PMS_ADMIN", "{\"certificateData\":\"x\",\"partnerDomain\":\"AUTH\"}")]
    public async Task Deeply_nested_JSON_is_a_malformed_request(string path, string role, string requestBody)
    {
        // The trust endpoints have their own JSON context: it must carry the same depth limit as the others.
        var token = await _server.IssueTokenAsync("deep-client" + path, [role]);
        foreach (var (depth, refused) in new[] { (10, false), (40, true), (5000, true) })
        {
            var metadata = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
            var body = "{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"metadata\":" + metadata + ",\"request\":" + requestBody + "}";
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var client = new HttpClient { BaseAddress = _server.Client.BaseAddress };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal(refused, text.Contains("malformed JSON", StringComparison.Ordinal));
            Assert.NotNull(EnvelopeAssert.ErrorCode(text));
            if (refused)
            {
                Assert.Equal("KER-KMS-005", EnvelopeAssert.ErrorCode(text));
                Assert.Null(EnvelopeAssert.Problem(200, text));
            }
        }
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_headers_is_cut_off()
    {
        var address = _server.Client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /health/live HTTP/1.1\r\nHost: {address.Authority}\r\nX-Slow: "));
        var buffer = new byte[4096];
        var started = DateTime.UtcNow;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        int read;
        var received = new StringBuilder();
        try
        {
            while ((read = await stream.ReadAsync(buffer, limit.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Reset by the server: cut off, as wanted.
        }

        Assert.False(limit.IsCancellationRequested, "The server kept a connection with unfinished headers open for 20 s.");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        Assert.True(received.Length == 0 || received.ToString().StartsWith("HTTP/1.1 408", StringComparison.Ordinal), received.ToString());
    }

    // Kestrel refuses these before any middleware runs and offers no hook to shape the answer (docs/compatibility.md):
    // the test pins that they stay bare, short and free of internals, and that the server is unharmed.
    [Theory]
    [InlineData("long request line", 414)]
    [InlineData("large headers", 431)]
    [InlineData("malformed request line", 400)]
    public async Task Requests_that_break_HTTP_are_refused_by_Kestrel_without_an_envelope(string kind, int expected)
    {
        var address = _server.Client.BaseAddress!;
        var request = kind switch
        {
            "long request line" => $"GET /v1/keymanager/getCertificate?applicationId={new string('A', 9000)} HTTP/1.1\r\nHost: {address.Authority}\r\n\r\n",
            "large headers" => $"GET /health/live HTTP/1.1\r\nHost: {address.Authority}\r\n" +
                               string.Concat(Enumerable.Range(0, 5).Select(i => $"X-Big-{i}: {new string('b', 8000)}\r\n")) + "\r\n",
            _ => "GARBAGE\r\n\r\n",
        };
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, limit.Token)) > 0)
            {
                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }
        }
        catch (IOException)
        {
            // Kestrel may reset the connection after answering.
        }

        var response = received.ToString();
        Assert.False(limit.IsCancellationRequested, "Kestrel kept the connection open.");
        Assert.StartsWith($"HTTP/1.1 {expected} ", response, StringComparison.Ordinal);
        var separator = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(separator > 0, response);
        Assert.Equal(string.Empty, response[(separator + 4)..]);
        Assert.DoesNotContain("\r\nServer:", response, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\r\nContent-Length: 0\r\n", response, StringComparison.OrdinalIgnoreCase);

        using var anonymous = new HttpClient { BaseAddress = address };
        using var health = await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(200, (int)health.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    private async Task<HttpResponseMessage> SendAsync(string token, string path)
    {
        using var client = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>A server with small rate limits and a 2-second header timeout.</summary>
    public sealed class LimitedServer : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await TestServer.StartAsync(extraArgs:
        [
            "--Kavach:Security:RateLimit:AuthenticatedPerSecond=1",
            "--Kavach:Security:RateLimit:AuthenticatedBurst=10",
            "--Kavach:Security:RateLimit:ServicePerSecond=1",
            "--Kavach:Security:RateLimit:ServiceBurst=20",
            "--Kavach:Security:RateLimit:AnonymousPerSecond=1",
            "--Kavach:Security:RateLimit:AnonymousBurst=5",
            "--Kavach:Security:Limits:RequestHeadersTimeout=00:00:02",
        ]);

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
