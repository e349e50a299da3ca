using System.Net;
using System.Text;
using System.Text.Json;
using Kavach.PartnerChannel.Auditing;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.EndToEnd;

/// <summary>The SDK handler against the middleware over real TLS, profile mosip: what a legitimate partner gets.</summary>
public sealed class MosipProfileTests : IAsyncLifetime
{
    private ChannelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ChannelTestServer.StartAsync(ChannelProfile.Mosip);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    internal static string Body(ChannelTestServer server, string transactionId = "TX-1", string request = """{"individualId":"1234","otp":"111111"}""") =>
        $$"""{"id":"mosip.identity.auth","version":"1.0","requestTime":"{{server.Time.GetUtcNow().UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}}","transactionID":"{{transactionId}}","request":{{request}}}""";

    [Fact]
    public async Task Signed_request_reaches_the_service_with_the_verified_partner_and_the_response_verifies()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip);

        using HttpResponseMessage response = await client.PostAsync("/idauthentication/v1/auth", new StringContent(Body(_server), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("partner-a", echo.RootElement.GetProperty("partner").GetString());
        Assert.Equal("TX-1", echo.RootElement.GetProperty("transactionID").GetString());
        ReceivedRequest received = Assert.Single(_server.Received);
        Assert.Equal(Body(_server), Encoding.UTF8.GetString(received.Body));
        Assert.Equal("Org A", received.Headers["X-Kavach-Partner-Organization"]);
        Assert.Equal("AUTH", received.Headers["X-Kavach-Partner-Domain"]);
        Assert.Equal("partner-a", received.Feature?.Partner.PartnerId);
        Assert.Equal(ChannelProfile.Mosip, received.Feature?.Profile);
        PartnerChannelAuditEvent audit = Assert.Single(_server.Audit.Events);
        Assert.Equal(PartnerChannelAuditEvent.Success, audit.Outcome);
        Assert.Equal("partner-a", audit.PartnerId);
        Assert.Equal(200, audit.Status);
        Assert.NotNull(audit.TlsCertificateThumbprint);
    }

    [Fact]
    public async Task Field_level_encrypted_request_reaches_the_service_decrypted_with_the_encryption_members_removed()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip, encryptMosip: true);

        using HttpResponseMessage response = await client.PostAsync("/idauthentication/v1/auth", new StringContent(Body(_server), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ReceivedRequest received = Assert.Single(_server.Received);
        using JsonDocument body = JsonDocument.Parse(received.Body);
        Assert.Equal("1234", body.RootElement.GetProperty("request").GetProperty("individualId").GetString());
        Assert.False(body.RootElement.TryGetProperty("requestSessionKey", out _));
        Assert.False(body.RootElement.TryGetProperty("requestHMAC", out _));
        Assert.False(body.RootElement.TryGetProperty("thumbprint", out _));
        Assert.False(received.Headers.ContainsKey("signature"));
    }

    [Fact]
    public async Task Incoming_X_Kavach_headers_are_replaced_by_the_verified_ones()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Mosip);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth") { Content = new StringContent(Body(_server), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Kavach-Partner-Id", "partner-b");
        request.Headers.Add("X-Kavach-Admin", "yes");

        using HttpResponseMessage response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        ReceivedRequest received = Assert.Single(_server.Received);
        Assert.Equal("partner-a", received.Headers["X-Kavach-Partner-Id"]);
        Assert.False(received.Headers.ContainsKey("X-Kavach-Admin"));
    }
}
