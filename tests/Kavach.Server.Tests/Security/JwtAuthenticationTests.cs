using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Kavach.Keys.Storage;
using Kavach.Server.Tests.Security.Support;
using Kavach.Server.Tests.Support;

namespace Kavach.Server.Tests.Security;

/// <summary>OIDC discovery, JWKS caching and refresh, configured keys, clock skew, the user name, and failing closed.</summary>
public sealed class JwtAuthenticationTests : IClassFixture<OidcServerFixture>
{
    private const string Body = "{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"request\":{}}";
    private readonly OidcServerFixture _fixture;

    public JwtAuthenticationTests(OidcServerFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Keys_come_from_discovery_and_are_cached()
    {
        var token = _fixture.Token("cached", "REGISTRATION_PROCESSOR");
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, token)).Status);
        var fetches = _fixture.Provider.JwksFetches;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(200, (await GetRootAsync(_fixture.Server, _fixture.Token($"cached-{i}", "REGISTRATION_PROCESSOR"))).Status);
        }

        Assert.Equal(fetches, _fixture.Provider.JwksFetches);
    }

    [Fact]
    public async Task A_new_kid_refetches_the_keys()
    {
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, _fixture.Token("before", "RESIDENT"))).Status);
        var fetches = _fixture.Provider.JwksFetches;
        var kid = _fixture.Provider.RotateKey();
        var token = _fixture.Token("after-rotation", "RESIDENT");
        Assert.Equal(kid, TestJwt.Header(token)["kid"]!.GetValue<string>());
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, token)).Status);
        Assert.Equal(fetches + 1, _fixture.Provider.JwksFetches);
    }

    [Fact]
    public async Task Unknown_kids_refetch_at_most_once_per_minimum_interval()
    {
        var provider = _fixture.Throttled;
        var server = _fixture.Server;
        Assert.Equal(200, (await GetRootAsync(server, provider.Sign(provider.Claims(server.Time.GetUtcNow(), "u", ["RESIDENT"])))).Status);
        var fetches = provider.JwksFetches;

        // A flood of forged key ids costs no fetch within the interval.
        for (var i = 0; i < 25; i++)
        {
            var forged = TestOidcProvider.SignWithForeignKey(provider.Claims(server.Time.GetUtcNow(), "u", ["RESIDENT"]));
            Assert.Equal(401, (await GetRootAsync(server, forged)).Status);
        }

        Assert.Equal(fetches, provider.JwksFetches);

        // A genuinely new key is picked up once the interval has passed.
        provider.RotateKey();
        server.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(200, (await GetRootAsync(server, provider.Sign(provider.Claims(server.Time.GetUtcNow(), "u", ["RESIDENT"])))).Status);
        Assert.Equal(fetches + 1, provider.JwksFetches);
    }

    [Fact]
    public async Task An_unreachable_provider_is_503_KER_ATH_002_until_it_answers()
    {
        var provider = _fixture.Flaky;
        var token = provider.Sign(provider.Claims(_fixture.Server.Time.GetUtcNow(), "u", ["RESIDENT"]));
        var (status, body) = await GetRootAsync(_fixture.Server, token);
        Assert.Equal(503, status);
        Assert.Equal("KER-ATH-002", EnvelopeAssert.ErrorCode(body));

        // Other issuers are unaffected; unknown issuers are still 401.
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, _fixture.Token("u", "RESIDENT"))).Status);
        var stranger = _fixture.Provider.Claims(_fixture.Server.Time.GetUtcNow(), "u", ["RESIDENT"]);
        stranger["iss"] = "https://nobody.example";
        Assert.Equal(401, (await GetRootAsync(_fixture.Server, _fixture.Provider.Sign(stranger))).Status);

        provider.Down = false;
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, token)).Status);
    }

    [Fact]
    public async Task Configured_PEM_keys_verify_tokens_without_any_fetch()
    {
        var now = _fixture.Server.Time.GetUtcNow();
        var claims = new System.Text.Json.Nodes.JsonObject
        {
            ["iss"] = OidcServerFixture.StaticIssuer,
            ["aud"] = "kavach",
            ["sub"] = "static-user",
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["roles"] = "RESIDENT OTHER",
        };
        var accepted = await GetRootAsync(_fixture.Server, TestJwt.SignRs256(_fixture.StaticKey, null, claims));
        Assert.True(accepted.Status == 200, accepted.Body);

        using var other = RSA.Create(2048);
        Assert.Equal(401, (await GetRootAsync(_fixture.Server, TestJwt.SignRs256(other, null, claims))).Status);
    }

    [Theory]
    [InlineData("JWT", "Bearer", 200)] // a Keycloak access token
    [InlineData(null, null, 200)]
    [InlineData("at+jwt", null, 200)]
    [InlineData("application/AT+JWT", "bearer", 200)]
    [InlineData("JWT", "ID", 401)] // a Keycloak ID token: same issuer, same keys, not an access token
    [InlineData("JWT", "id", 401)]
    [InlineData("JWT", "Refresh", 401)]
    [InlineData("JWT", "Offline", 401)]
    [InlineData("dpop+jwt", null, 401)]
    [InlineData("logout+jwt", null, 401)]
    [InlineData("JWS", "Bearer", 401)]
    public async Task Only_access_tokens_authenticate(string? headerType, string? payloadType, int expected)
    {
        var claims = _fixture.Provider.Claims(_fixture.Server.Time.GetUtcNow(), "typ-" + headerType + "-" + payloadType, ["RESIDENT"]);
        if (payloadType is not null)
        {
            claims["typ"] = payloadType;
        }

        var (status, body) = await GetRootAsync(_fixture.Server, _fixture.Provider.Sign(claims, typ: headerType));
        Assert.Equal(expected, status);
        Assert.Equal(expected == 200 ? null : "KER-ATH-401", EnvelopeAssert.ErrorCode(body));
    }

    [Fact]
    public async Task Clock_skew_is_small()
    {
        var now = _fixture.Server.Time.GetUtcNow();
        var recent = _fixture.Provider.Claims(now, "skew", ["RESIDENT"]);
        recent["exp"] = now.AddSeconds(-10).ToUnixTimeSeconds();
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, _fixture.Provider.Sign(recent))).Status);

        var stale = _fixture.Provider.Claims(now, "skew", ["RESIDENT"]);
        stale["exp"] = now.AddSeconds(-90).ToUnixTimeSeconds();
        Assert.Equal(401, (await GetRootAsync(_fixture.Server, _fixture.Provider.Sign(stale))).Status);
    }

    [Fact]
    public async Task A_token_accepted_before_is_refused_once_it_expires()
    {
        var now = _fixture.Server.Time.GetUtcNow();
        var claims = _fixture.Provider.Claims(now, "short-lived", ["RESIDENT"]);
        claims["exp"] = now.AddSeconds(5).ToUnixTimeSeconds();
        var token = _fixture.Provider.Sign(claims);
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, token)).Status);
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, token)).Status);

        // Past exp and the 30 s skew: validation would refuse it, so the cache of validated tokens must too.
        _fixture.Server.Time.Advance(TimeSpan.FromSeconds(5 + 30 + 2));
        Assert.Equal(401, (await GetRootAsync(_fixture.Server, token)).Status);
    }

    [Fact]
    public async Task A_token_accepted_before_is_refused_once_its_key_is_withdrawn()
    {
        var provider = _fixture.Provider;
        var oldKid = provider.CurrentKid;
        var token = _fixture.Token("withdrawn-key", "RESIDENT");
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, token)).Status);

        // The provider rotates and stops publishing the old key; a token with the new kid makes Kavach refetch.
        provider.RotateKey();
        provider.RetireKey(oldKid);
        _fixture.Server.Time.Advance(TimeSpan.FromSeconds(61)); // past the minimum refetch interval of earlier tests
        Assert.Equal(200, (await GetRootAsync(_fixture.Server, _fixture.Token("new-key", "RESIDENT"))).Status);

        Assert.Equal(401, (await GetRootAsync(_fixture.Server, token)).Status);
    }

    [Fact]
    public async Task Key_policy_access_is_checked_against_the_preferred_username()
    {
        var runtime = _fixture.Server.Runtime;
        await runtime.Store.UpsertPolicyAsync(new KeyPolicy("DIGITAL_CARD", 1095, 60, true, "alice"), CancellationToken.None);
        runtime.Policies.Invalidate();
        var request = "{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"request\":" +
                      "{\"applicationId\":\"DIGITAL_CARD\",\"referenceId\":\"\",\"dataToSign\":\"eyJhIjoxfQ\",\"includePayload\":true}}";

        var alice = await SendAsync(_fixture.Server, HttpMethod.Post, "/v1/keymanager/jwtSign", _fixture.Token("alice", "REGISTRATION_PROCESSOR"), request);
        Assert.Equal(200, alice.Status);
        Assert.Null(EnvelopeAssert.ErrorCode(alice.Body));

        // Bound by role, but not named in access_allowed: refused (403 since the application bindings, docs/compatibility.md).
        var bob = await SendAsync(_fixture.Server, HttpMethod.Post, "/v1/keymanager/jwtSign", _fixture.Token("bob", "REGISTRATION_PROCESSOR"), request);
        Assert.Equal(403, bob.Status);
        Assert.Equal("KER-JWS-108", EnvelopeAssert.ErrorCode(bob.Body));

        // Named in access_allowed, but not bound to the application: refused before access_allowed is read.
        var unbound = await SendAsync(_fixture.Server, HttpMethod.Post, "/v1/keymanager/jwtSign", _fixture.Token("alice", "RESIDENT"), request);
        Assert.Equal(403, unbound.Status);
        Assert.Equal("KER-JWS-108", EnvelopeAssert.ErrorCode(unbound.Body));
    }

    [Fact]
    public async Task A_client_id_bound_by_configuration_reaches_its_application_whatever_its_roles()
    {
        var runtime = _fixture.Server.Runtime;
        await runtime.Store.UpsertPolicyAsync(new KeyPolicy("DIGITAL_CARD", 1095, 60, true, "NA"), CancellationToken.None);
        runtime.Policies.Invalidate();
        var request = "{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"request\":" +
                      "{\"applicationId\":\"DIGITAL_CARD\",\"referenceId\":\"\",\"dataToSign\":\"eyJhIjoxfQ\",\"includePayload\":true}}";
        var claims = _fixture.Provider.Claims(_fixture.Server.Time.GetUtcNow(), "card-service", ["INDIVIDUAL"]);
        var unboundToken = _fixture.Provider.Sign(claims.DeepClone().AsObject());
        claims["azp"] = "digital-card-service";
        var boundToken = _fixture.Provider.Sign(claims);

        var bound = await SendAsync(_fixture.Server, HttpMethod.Post, "/v1/keymanager/jwtSign", boundToken, request);
        Assert.Equal(200, bound.Status);
        Assert.Null(EnvelopeAssert.ErrorCode(bound.Body));

        var unbound = await SendAsync(_fixture.Server, HttpMethod.Post, "/v1/keymanager/jwtSign", unboundToken, request);
        Assert.Equal(403, unbound.Status);
        Assert.Equal("KER-JWS-108", EnvelopeAssert.ErrorCode(unbound.Body));
    }

    [Theory]
    [InlineData("--Kavach:Security:Jwt:Issuers:0:Authority=https://idp.example/realms/mosip")]
    [InlineData("--Kavach:Security:Jwt:Issuers:0:Audiences:0=kavach")]
    [InlineData("--Kavach:Security:Authorization:Rules:postdecrypt=@NO_SUCH_SET")]
    [InlineData("--Kavach:Security:ApplicationBindings:Roles:RESIDENT=RESIDENT;REGISTRATION")]
    [InlineData("--Kavach:Security:ApplicationBindings:KeyCreationClients:bad client=REGISTRATION")]
    [InlineData("--Kavach:Security:KeyCreation:PerMinute=-1")]
    public void Incomplete_configuration_stops_the_start(string argument)
    {
        using var dir = new Kavach.Testing.TempDirectory("kavach-badconfig");
        Assert.Throws<Kavach.Hosting.Composition.KavachConfigurationException>(() => KavachServer.Build(["--urls=http://127.0.0.1:0", $"--Kavach:DataDir={dir.Path}", argument]));
    }

    private static Task<(int Status, string Body)> GetRootAsync(TestServer server, string token) =>
        SendAsync(server, HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT", token, null);

    private static async Task<(int Status, string Body)> SendAsync(TestServer server, HttpMethod method, string path, string token, string? body)
    {
        using var client = new HttpClient { BaseAddress = server.Client.BaseAddress };
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent(body ?? Body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
