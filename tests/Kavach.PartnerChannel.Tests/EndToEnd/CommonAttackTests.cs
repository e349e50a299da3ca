using System.Net;
using System.Text;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.EndToEnd;

/// <summary>Spec §3 attacks that look the same in both profiles: the TLS identity, revocation, size, and faults.</summary>
public sealed class CommonAttackTests
{
    public static TheoryData<ChannelProfile> Profiles => [ChannelProfile.Mosip, ChannelProfile.Kavach];

    private static HttpContent Body(ChannelTestServer server, ChannelProfile profile) =>
        new StringContent(profile == ChannelProfile.Mosip ? MosipProfileTests.Body(server) : "{\"a\":1}", Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Attack_no_client_certificate_is_refused(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        using HttpClient client = ChannelClients.Raw(server, tls: null);

        using HttpResponseMessage response = await client.PostAsync("/auth", Body(server, profile));

        Refusals.AssertRefused(await CapturedResponse.CaptureAsync(response), server, "no TLS client certificate");
        Assert.Null(server.Audit.Events[^1].TlsCertificateThumbprint);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Attack_client_certificate_from_another_CA_is_refused_even_with_a_valid_signature(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire, tls: TestPki.Instance.ForeignTlsForA);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "not resolved");
        Assert.NotNull(server.Audit.Events[^1].TlsCertificateThumbprint);
        Assert.Null(server.Audit.Events[^1].PartnerId);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Attack_revoked_partner_is_refused(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        server.Resolver.Revoke("partner-a");
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "not resolved");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Attack_client_certificate_of_a_partner_never_onboarded_is_refused(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire, tls: TestPki.Instance.UnknownPartnerTls);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "not resolved");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Attack_expired_client_certificate_is_refused(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire, tls: TestPki.Instance.ExpiredTlsForA);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "not resolved");
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Attack_oversized_body_gets_413_before_anything_is_forwarded(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile, maxBodyBytes: 4096);
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire);
        string big = "\"" + new string('x', 8192) + "\"";
        HttpContent content = new StringContent(profile == ChannelProfile.Mosip ? MosipProfileTests.Body(server, request: big) : big, Encoding.UTF8, "application/json");

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", content));

        Refusals.AssertRefused(wire.LastResponse, server, "larger than the limit", code: "KER-PCH-002", status: HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Attack_oversized_chunked_body_gets_413()
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(ChannelProfile.Mosip, maxBodyBytes: 4096);
        using HttpClient client = ChannelClients.Raw(server, TestPki.Instance.PartnerA.Tls);
        var content = new StreamContent(new MemoryStream(new byte[100_000]));
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using HttpResponseMessage response = await client.SendAsync(request);

        Refusals.AssertRefused(await CapturedResponse.CaptureAsync(response), server, "larger than the limit", code: "KER-PCH-002", status: HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Partner_store_down_gives_503_never_500(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        server.Resolver.Down = true;
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "fault", code: "KER-PCH-003", status: HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Failing_protected_service_gives_the_channels_503_not_an_unsigned_500(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile);
        server.Throws = true;
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "protected service failed", code: "KER-PCH-004", status: HttpStatusCode.BadGateway);
        Assert.Equal("partner-a", server.Audit.Events[^1].PartnerId);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(wire.LastResponse!.Body), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Replay_ledger_down_gives_503_and_nothing_is_accepted(ChannelProfile profile)
    {
        await using ChannelTestServer server = await ChannelTestServer.StartAsync(profile, ledger: new FailingLedger());
        InterceptingHandler wire = InterceptingHandler.Passive();
        using HttpClient client = ChannelClients.Sdk(server, TestPki.Instance.PartnerA, profile, between: wire);

        await Assert.ThrowsAsync<PartnerChannelException>(() => client.PostAsync("/auth", Body(server, profile)));

        Refusals.AssertRefused(wire.LastResponse, server, "verification fault", code: "KER-PCH-003", status: HttpStatusCode.ServiceUnavailable);
        Assert.Equal("partner-a", server.Audit.Events[^1].PartnerId);
    }
}
