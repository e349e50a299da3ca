using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Endpoints;

/// <summary>Bad input always gets a MOSIP envelope with a code: never a crash, a stack trace, SQL or a path.</summary>
public sealed class ErrorHandlingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Malformed_json_is_KMS_005_with_HTTP_200()
    {
        var (status, body) = await _server.SendRawAsync(HttpMethod.Post, "/v1/keymanager/generateCSR", "{\"request\": {\"applicationId\": ", "application/json");
        Assert.Equal(200, status);
        Assert.Contains("\"errorCode\":\"KER-KMS-005\"", body, StringComparison.Ordinal);
        AssertNoLeak(body);
    }

    [Fact]
    public async Task Wrong_content_type_is_415_with_an_envelope()
    {
        var (status, body) = await _server.SendRawAsync(HttpMethod.Post, "/v1/keymanager/generateCSR", TestServer.Wrap(new { applicationId = "REGISTRATION" }), "text/plain");
        Assert.Equal(415, status);
        Assert.Contains("\"errors\":[{\"errorCode\":\"KER-KMS-500\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_method_is_405_with_an_envelope()
    {
        var (status, body) = await _server.SendRawAsync(HttpMethod.Delete, "/v1/keymanager/getCertificate?applicationId=ROOT", string.Empty, "application/json");
        Assert.Equal(405, status);
        Assert.Contains("KER-KMS-005", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_path_is_404_with_an_envelope()
    {
        var (status, body) = await _server.SendRawAsync(HttpMethod.Post, "/v1/keymanager/noSuchThing", "{}", "application/json");
        Assert.Equal(404, status);
        Assert.Contains("\"errors\":[{", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_application_id_is_KMS_005_naming_the_field(string applicationId)
    {
        var (status, body) = await _server.PostAsync("/v1/keymanager/generateCSR", new { applicationId, referenceId = "" });
        Assert.Equal(200, status);
        Assert.Equal("KER-KMS-005", body.ErrorCode());
        Assert.Equal("request.applicationId should not be null or empty", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_bad_field_is_reported()
    {
        var (_, body) = await _server.PostAsync("/v1/keymanager/uploadOtherDomainCertificate", new { applicationId = "", referenceId = " ", certificateData = "" });
        Assert.Equal(3, body["errors"]!.AsArray().Count);
    }

    [Fact]
    public async Task Missing_application_id_query_parameter_is_KMS_005()
    {
        var (status, body) = await _server.GetAsync("/v1/keymanager/getCertificate");
        Assert.Equal(200, status);
        Assert.Equal("KER-KMS-005", body.ErrorCode());
    }

    [Fact]
    public async Task Missing_request_object_is_KMS_005()
    {
        var (status, body) = await _server.SendRawAsync(HttpMethod.Post, "/v1/keymanager/generateCSR", "{\"id\":\"x\",\"version\":\"1.0\"}", "application/json");
        Assert.Equal(200, status);
        Assert.Contains("KER-KMS-005", body, StringComparison.Ordinal);
        Assert.Contains("\"id\":\"x\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requesttime_is_KMS_005()
    {
        var json = "{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"INVALID-TIMESTAMP-FORMAT\",\"request\":{\"applicationId\":\"REGISTRATION\",\"referenceId\":\"\"}}";
        var (_, body) = await _server.SendRawAsync(HttpMethod.Post, "/v1/keymanager/generateCSR", json, "application/json");
        Assert.Contains("KER-KMS-005", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_json_types_are_KMS_005_not_500()
    {
        var json = "{\"request\":{\"applicationId\":42,\"force\":\"yes\"}}";
        var (status, body) = await _server.SendRawAsync(HttpMethod.Post, "/v1/keymanager/generateMasterKey/CERTIFICATE", json, "application/json");
        Assert.Equal(200, status);
        Assert.Contains("KER-KMS-005", body, StringComparison.Ordinal);
        AssertNoLeak(body);
    }

    [Fact]
    public async Task Oversized_body_is_413_with_an_envelope()
    {
        // Kestrel answers as soon as it sees the declared length, before the body; a raw socket reads that answer
        // where HttpClient would fail writing the rest of the body.
        var address = _server.Client.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        await using var stream = tcp.GetStream();
        var token = _server.Client.DefaultRequestHeaders.Authorization!.Parameter;
        var head = $"POST /v1/keymanager/generateCSR HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {64 * 1024 * 1024}\r\n\r\n{{";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("HTTP/1.1 413", response, StringComparison.Ordinal);
        Assert.Contains("\"errors\":[{", response, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_without_the_token_are_refused()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        using var response = await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=ROOT", UriKind.Relative));
        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("KER-ATH-401", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        anonymous.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "wrong-token");
        using var wrong = await anonymous.GetAsync(new Uri("/v1/keymanager/getCertificate?applicationId=ROOT", UriKind.Relative));
        Assert.Equal(401, (int)wrong.StatusCode);
    }

    [Fact]
    public async Task MOSIP_authorization_cookie_is_accepted()
    {
        var token = _server.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        using var cookieClient = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        using var message = new HttpRequestMessage(HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT");
        message.Headers.Add("Cookie", $"Authorization={token}");
        using var response = await cookieClient.SendAsync(message);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("BEGIN CERTIFICATE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_is_open_and_ready()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        Assert.Equal(200, (int)(await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        using var ready = await anonymous.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal("{\"status\":\"UP\"}", await ready.Content.ReadAsStringAsync());

        // The operator (admin token) is told what was checked.
        var (status, body) = await _server.GetAsync("/health/ready");
        Assert.Equal(200, status);
        Assert.Equal("UP", body["checks"]!["database"]!.GetValue<string>());
        Assert.Equal("UP", body["checks"]!["vault"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAPI_document_is_served()
    {
        using var anonymous = new HttpClient { BaseAddress = _server.Client.BaseAddress };
        var document = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Contains("/v1/keymanager/getCertificate", document, StringComparison.Ordinal);
        Assert.Contains("/v1/keymanager/generateMasterKey/{objectType}", document, StringComparison.Ordinal);
    }

    private void AssertNoLeak(string body)
    {
        Assert.DoesNotContain(" at Kavach.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.DataDirectory, body, StringComparison.Ordinal);
    }
}
