using System.Net;
using System.Text;
using System.Text.Json;
using Kavach.PartnerChannel.Auditing;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.EndToEnd;

/// <summary>The SDK handler against the middleware over real TLS, profile kavach: what a legitimate partner gets.</summary>
public sealed class KavachProfileTests : IAsyncLifetime
{
    private ChannelTestServer _server = null!;

    public async Task InitializeAsync() => _server = await ChannelTestServer.StartAsync(ChannelProfile.Kavach);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Encrypted_signed_request_reaches_the_service_decrypted_and_the_response_decrypts()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach);

        using HttpResponseMessage response = await client.PostAsync("/api/v1/things?x=1&y=%20z", new StringContent("""{"hello":"world"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using JsonDocument echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("partner-a", echo.RootElement.GetProperty("partner").GetString());
        Assert.Equal("""{"hello":"world"}""", echo.RootElement.GetProperty("received").GetString());
        ReceivedRequest received = Assert.Single(_server.Received);
        Assert.Equal("application/json; charset=utf-8", received.ContentType);
        Assert.False(received.Headers.ContainsKey("Signature"));
        Assert.Equal(ChannelProfile.Kavach, received.Feature?.Profile);
        Assert.Equal(PartnerChannelAuditEvent.Success, Assert.Single(_server.Audit.Events).Outcome);
    }

    [Fact]
    public async Task Request_without_a_body_is_signed_and_its_response_verified()
    {
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerB, ChannelProfile.Kavach);

        using HttpResponseMessage response = await client.GetAsync("/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using JsonDocument echo = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("partner-b", echo.RootElement.GetProperty("partner").GetString());
        Assert.Empty(Assert.Single(_server.Received).Body);
    }

    [Fact]
    public async Task Error_status_of_the_service_is_signed_and_passed_on()
    {
        _server.ResponseStatus = 404;
        using HttpClient client = ChannelClients.Sdk(_server, TestPki.Instance.PartnerA, ChannelProfile.Kavach);

        using HttpResponseMessage response = await client.GetAsync("/missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, Assert.Single(_server.Audit.Events).Status);
    }
}
