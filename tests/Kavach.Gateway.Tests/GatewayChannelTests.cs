using System.Text.Json;
using Kavach.Gateway.Tests.Support;
using Kavach.PartnerChannel;
using Kavach.Testing;

namespace Kavach.Gateway.Tests;

/// <summary>
/// The gateway end to end over real TLS on loopback, for one profile: partners onboarded through the onboarding service
/// call it with the SDK and their issued TLS client certificate; the backend counts what reaches it. Each attack of the
/// spec's §3 that the gateway (not the SDK alone) must stop is named, refused with the one error, audited, and never
/// forwarded.
/// </summary>
public abstract class GatewayChannelTests<TFixture>(TFixture fixture)
    where TFixture : GatewayFixture
{
    /// <summary>The shared gateway, backend and partners.</summary>
    protected TFixture Fixture => fixture;

    private TestGateway Gateway => fixture.Gateway;

    private TestBackend Backend => fixture.Backend;

    private ChannelProfile Profile => fixture.Profile;

    [Fact]
    public async Task Round_trip_reaches_the_backend_with_the_verified_partner_and_the_signed_response_verifies()
    {
        using var client = fixture.PartnerA.Client(Gateway, Profile);
        var forwarded = Backend.Count;

        using var response = await client.SendAsync(Requests.Auth(fixture.Time, transactionId: "RT-1"));

        Assert.Equal(200, (int)response.StatusCode);
        using (var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
        {
            Assert.Equal("partner-a", answer.RootElement.GetProperty("response").GetProperty("partner").GetString());
            Assert.Equal("RT-1", answer.RootElement.GetProperty("transactionID").GetString());
        }

        Assert.Equal(forwarded + 1, Backend.Count);
        var seen = Backend.Requests.Last();
        Assert.Equal("partner-a", seen.Header("X-Kavach-Partner-Id"));
        Assert.Equal("Org A", seen.Header("X-Kavach-Partner-Organization"));
        Assert.Equal("AUTH", seen.Header("X-Kavach-Partner-Domain"));
        Assert.Equal(Requests.AuthPath, seen.PathAndQuery);
        using var body = JsonDocument.Parse(seen.Body);
        if (Profile == ChannelProfile.Kavach)
        {
            // The backend gets the plaintext JSON, not the JWE, with its own media type.
            Assert.StartsWith("application/json", seen.ContentType, StringComparison.Ordinal);
            Assert.Equal("2345678901", body.RootElement.GetProperty("individualId").GetString());
            Assert.False(seen.Headers.ContainsKey("Signature-Input"));
        }
        else
        {
            // IDA's field-level encryption undone: request is the decrypted object.
            Assert.Equal("111111", body.RootElement.GetProperty("request").GetProperty("otp").GetString());
            Assert.False(body.RootElement.TryGetProperty("requestSessionKey", out _));
        }

        var audit = (await Gateway.PartnerAuditAsync())[^1];
        Assert.Equal("OK", audit.Outcome);
        Assert.Equal("partner-a", audit.Actor);
    }

    [Fact]
    public async Task Forged_partner_headers_never_reach_the_backend()
    {
        using var client = fixture.PartnerA.Client(Gateway, Profile);
        var request = Requests.Auth(fixture.Time);
        request.Headers.TryAddWithoutValidation("X-Kavach-Partner-Id", "partner-b");
        request.Headers.TryAddWithoutValidation("x-kavach-partner-domain", "DEVICE");
        request.Headers.TryAddWithoutValidation("X-Kavach-Admin", "true");

        using var response = await client.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
        var seen = Backend.Requests.Last();
        Assert.Equal("partner-a", seen.Header("X-Kavach-Partner-Id"));
        Assert.Equal("AUTH", seen.Header("X-Kavach-Partner-Domain"));
        Assert.False(seen.Headers.ContainsKey("X-Kavach-Admin"));
    }

    [Fact]
    public async Task Attack_no_client_certificate_is_refused()
    {
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tap: tap, noClientCertificate: true);
        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time)), reason: "no_TLS_client_certificate");
    }

    [Fact]
    public async Task Attack_client_certificate_from_another_CA_is_refused()
    {
        // A certificate naming partner-a, clientAuth, from a CA that is not our partner TLS CA.
        using var foreignCa = PartnerPki.Ca("Foreign TLS CA");
        using var foreign = PartnerPki.Leaf(foreignCa, "partner-a", "Org A", clientAuth: true);
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tls: foreign, tap: tap);
        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time)), reason: "not_resolved");
    }

    [Fact]
    public async Task Attack_signature_of_another_partner_is_refused()
    {
        // Partner B's valid signature, sent over partner A's TLS identity.
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tap: tap, signer: fixture.PartnerB.Keys);
        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time)));
    }

    [Fact]
    public async Task Attack_body_changed_after_signing_is_refused()
    {
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tap: tap, onPath: new TamperingHandler());
        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time)));
    }

    [Fact]
    public async Task Attack_revoked_partner_is_refused_from_the_next_request_on()
    {
        using var partner = await Partner.OnboardAsync(Gateway, "partner-r", "Org R");
        var tap = new WireTap();
        using var client = partner.Client(Gateway, Profile, tap: tap);
        using (var before = await client.SendAsync(Requests.Auth(fixture.Time)))
        {
            Assert.Equal(200, (int)before.StatusCode);
        }

        var revoked = await Gateway.Onboarding.RevokeAsync("partner-r", "key compromise", "test", CancellationToken.None);
        Assert.True(revoked.IsSuccess);

        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time)), reason: "not_resolved");
    }

    [Fact]
    public async Task Attack_expired_TLS_certificate_is_refused()
    {
        // The issued TLS client certificate lives 30 days; both clocks (gateway and partner) move past its end.
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tap: tap);
        var shift = fixture.PartnerA.Tls.NotAfter.ToUniversalTime() - fixture.Time.GetUtcNow().UtcDateTime + TimeSpan.FromDays(1);
        fixture.Time.Advance(shift);
        try
        {
            await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time)), reason: "not_resolved");
        }
        finally
        {
            fixture.Time.SetUtcNow(TimeProvider.System.GetUtcNow());
        }
    }

    [Fact]
    public async Task Attack_replay_of_a_whole_request_is_refused()
    {
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tap: tap);
        using (var first = await client.SendAsync(Requests.Auth(fixture.Time)))
        {
            Assert.Equal(200, (int)first.StatusCode);
        }

        var captured = tap.Sent.Single();
        await Refusals.AssertAsync(fixture, () => Requests.RawAsync(fixture.PartnerA.Transport(fixture.PartnerA.Tls), captured.Copy()), reason: "replayed");
    }

    [Fact]
    public async Task Attack_request_outside_the_time_window_is_refused()
    {
        var partnerClock = new RunningClock();
        partnerClock.SetUtcNow(fixture.Time.GetUtcNow() + TimeSpan.FromMinutes(3));
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, time: partnerClock, tap: tap);
        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(partnerClock)), reason: "outside_the_window");
    }

    [Fact]
    public async Task Attack_oversized_body_is_refused_with_413()
    {
        var tap = new WireTap();
        using var client = fixture.PartnerA.Client(Gateway, Profile, tap: tap);
        await Refusals.AssertAsync(fixture, () => Requests.ViaSdkAsync(client, tap, Requests.Auth(fixture.Time, padding: 70_000)), status: 413, code: "KER-PCH-002");
    }

    [Fact]
    public async Task Health_and_metrics_answer_without_a_client_certificate_and_nothing_is_forwarded()
    {
        var forwarded = Backend.Count;
        var audited = (await Gateway.PartnerAuditAsync()).Count;
        using var plain = new HttpClient(fixture.PartnerA.Transport(null)) { BaseAddress = Gateway.Address };

        using var live = await plain.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await plain.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var metrics = await plain.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(200, (int)live.StatusCode);
        Assert.Contains("\"status\":\"UP\"", await live.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Contains("\"status\":\"UP\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(200, (int)metrics.StatusCode);
        Assert.Contains("http_server_request_duration_seconds", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(forwarded, Backend.Count);
        Assert.Equal(audited, (await Gateway.PartnerAuditAsync()).Count);
    }
}

/// <summary>The gateway in the kavach profile (RFC 9421 signatures, JWE bodies).</summary>
public sealed class KavachProfileGatewayTests(KavachGatewayFixture fixture)
    : GatewayChannelTests<KavachGatewayFixture>(fixture), IClassFixture<KavachGatewayFixture>;

/// <summary>The gateway in the mosip profile (IDA's detached JWS and field-level encryption).</summary>
public sealed class MosipProfileGatewayTests(MosipGatewayFixture fixture)
    : GatewayChannelTests<MosipGatewayFixture>(fixture), IClassFixture<MosipGatewayFixture>
{
    [Fact]
    public async Task Unencrypted_request_reaches_the_backend_as_sent_with_its_signature_header()
    {
        var tap = new WireTap();
        using var client = Fixture.PartnerA.Client(Fixture.Gateway, ChannelProfile.Mosip, tap: tap, encryptMosip: false);

        using var response = await client.SendAsync(Requests.Auth(Fixture.Time, transactionId: "PLAIN-1"));

        Assert.Equal(200, (int)response.StatusCode);
        var sent = tap.Sent.Single();
        var seen = Fixture.Backend.Requests.Last();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(sent.Body!), seen.Body);
        Assert.Equal(sent.Headers.Single(h => h.Key.Equals("signature", StringComparison.OrdinalIgnoreCase)).Value.Single(), seen.Header("signature"));
    }
}
