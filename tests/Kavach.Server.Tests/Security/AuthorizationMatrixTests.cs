using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kavach.Server.Security.Authorization;
using Kavach.Server.Tests.Security.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// Every endpoint × every kind of bad credential, and every endpoint × every role, on the real HTTP pipeline with
/// tokens from a loopback OIDC provider: who is let in is exactly what the documented role table says.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<OidcServerFixture>
{
    private static readonly string[] AllAdmin = ["GLOBAL_ADMIN", "KEY_MANAGER_ADMIN", "PARTNER_ADMIN", "PMS_ADMIN", "REGISTRATION_PROCESSOR", "CREDENTIAL_ISSUANCE", "PARTNER"];
    private readonly OidcServerFixture _fixture;

    public AuthorizationMatrixTests(OidcServerFixture fixture) => _fixture = fixture;

    [Fact]
    public void Every_served_endpoint_has_the_documented_rule()
    {
        var endpoints = ApiEndpoint.All(_fixture.Server.Services);
        Assert.Equal(ExpectedRoles.ByEndpoint.Keys.Order(StringComparer.Ordinal), endpoints.Select(e => e.Key));
        var table = _fixture.Server.Services.GetRequiredService<AccessRuleTable>();
        foreach (var endpoint in endpoints)
        {
            var name = EndpointRuleNames.For(endpoint.Method, KavachServer.ApiBase + endpoint.Route);
            var rule = table.Find(name);
            Assert.True(rule is not null, $"{endpoint.Key} ({name}) has no rule");
            Assert.Equal(ExpectedRoles.AnyAuthenticated.Contains(endpoint.Key), rule.AnyAuthenticated);
            Assert.Equal(ExpectedRoles.ByEndpoint[endpoint.Key].Distinct().Order(StringComparer.Ordinal), rule.Roles.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Bad_credentials_are_refused_with_401_on_every_endpoint()
    {
        var variants = BadCredentials();
        var cases = ApiEndpoint.All(_fixture.Server.Services).SelectMany(e => variants.Select(v => (Endpoint: e, Variant: v))).ToList();
        var failures = new ConcurrentBag<string>();
        using var client = _fixture.Anonymous();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            using var request = item.Endpoint.Request();
            item.Variant.Apply(request);
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            if (status != 401 || EnvelopeAssert.ErrorCode(body) != "KER-ATH-401" || EnvelopeAssert.Problem(status, body) is { } problem && problem.Length > 0 ||
                !response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"))
            {
                failures.Add($"{item.Endpoint.Key} with {item.Variant.Name}: HTTP {status} {body}");
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} wrong:\n" + string.Join('\n', failures.Take(20)));
        Assert.True(cases.Count >= 40 * variants.Count);
    }

    [Fact]
    public async Task Each_role_is_allowed_exactly_where_the_table_says()
    {
        var roleSets = ExpectedRoles.RoleSets();
        var tokens = roleSets.Select((roles, i) => (Roles: roles, Token: _fixture.Token($"user-{i}", roles))).ToList();
        var cases = ApiEndpoint.All(_fixture.Server.Services).SelectMany(e => tokens.Select(t => (Endpoint: e, t.Roles, t.Token))).ToList();
        var failures = new ConcurrentBag<string>();
        using var client = _fixture.Anonymous();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, ct) =>
        {
            using var request = item.Endpoint.Request();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", item.Token);
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var status = (int)response.StatusCode;
            var allowed = ExpectedRoles.AnyAuthenticated.Contains(item.Endpoint.Key) ||
                ExpectedRoles.ByEndpoint[item.Endpoint.Key].Intersect(item.Roles, StringComparer.Ordinal).Any();
            // The audit export answers with JSON lines, not an envelope; refusals are envelopes like everywhere.
            var problem = EnvelopeAssert.IsAuditExport(response, status) ? null : EnvelopeAssert.Problem(status, body);
            // Past the role table, the application bindings may still refuse the application the request names
            // (403 with KER-CRY-012/KER-JWS-108/KER-KMS-051, not the role table's KER-ATH-403): ApplicationBindingTests.
            var ok = allowed
                ? status != 401 && (status != 403 || EnvelopeAssert.ErrorCode(body) != "KER-ATH-403") && status < 500 && problem is null
                : status == 403 && EnvelopeAssert.ErrorCode(body) == "KER-ATH-403" && problem is null;
            if (!ok)
            {
                failures.Add($"{item.Endpoint.Key} as [{string.Join(',', item.Roles)}] expected {(allowed ? "allow" : "deny")}: HTTP {status} {body}");
            }
        });
        Assert.True(failures.IsEmpty, $"{failures.Count} of {cases.Count} wrong:\n" + string.Join('\n', failures.Take(20)));
    }

    [Fact]
    public async Task Roles_in_the_configured_claim_count_too()
    {
        var claims = _fixture.Provider.Claims(_fixture.Server.Time.GetUtcNow(), "svc-client", []);
        claims["resource_access"] = new JsonObject { ["kavach"] = new JsonObject { ["roles"] = new JsonArray("KEY_MANAGER_ADMIN") } };
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/keymanager/generateSymmetricKey", _fixture.Provider.Sign(claims));
        Assert.Equal(200, status);
        Assert.Equal("KER-KMS-005", EnvelopeAssert.ErrorCode(body));

        // The same token without the claim is an authenticated caller without roles.
        (status, body) = await SendAsync(HttpMethod.Post, "/v1/keymanager/generateSymmetricKey", _fixture.Token("svc-client"));
        Assert.Equal(403, status);
        Assert.Equal("KER-ATH-403", EnvelopeAssert.ErrorCode(body));
    }

    [Fact]
    public async Task The_MOSIP_cookie_carries_an_OIDC_token()
    {
        using var client = _fixture.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT");
        request.Headers.Add("Cookie", "Authorization=" + _fixture.Token("cookie-user", "REGISTRATION_PROCESSOR"));
        using var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("BEGIN CERTIFICATE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_tokens_follow_the_same_table()
    {
        var crypto = await _fixture.Server.IssueTokenAsync("ida", ["ID_AUTHENTICATION"]);
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, "/v1/keymanager/getCertificate?applicationId=ROOT", crypto)).Status);
        var (status, body) = await SendAsync(HttpMethod.Post, "/v1/keymanager/generateMasterKey/CERTIFICATE", crypto);
        Assert.Equal(403, status);
        Assert.Equal("KER-ATH-403", EnvelopeAssert.ErrorCode(body));
    }

    [Fact]
    public async Task Health_and_OpenAPI_stay_open()
    {
        using var client = _fixture.Anonymous();
        foreach (var path in new[] { "/health/live", "/health/ready", "/openapi/v1.json" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(200, (int)response.StatusCode);
        }
    }

    private async Task<(int Status, string Body)> SendAsync(HttpMethod method, string path, string token)
    {
        using var client = _fixture.Anonymous();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent("{\"id\":\"x\",\"version\":\"1.0\",\"requesttime\":\"2025-01-01T10:00:00.000Z\",\"request\":{}}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private List<Credential> BadCredentials()
    {
        var provider = _fixture.Provider;
        var now = _fixture.Server.Time.GetUtcNow();
        JsonObject Claims() => provider.Claims(now, "mallory", AllAdmin);
        var valid = provider.Sign(Claims());

        var expired = Claims();
        expired["iat"] = now.AddMinutes(-20).ToUnixTimeSeconds();
        expired["exp"] = now.AddMinutes(-10).ToUnixTimeSeconds();
        var notYet = Claims();
        notYet["nbf"] = now.AddMinutes(10).ToUnixTimeSeconds();
        var wrongIssuer = Claims();
        wrongIssuer["iss"] = provider.Issuer + "-evil";
        var wrongAudience = Claims();
        wrongAudience["aud"] = "some-other-service";
        var noExpiry = Claims();
        noExpiry.Remove("exp");
        var localForged = Claims();
        localForged["iss"] = "kavach-local";
        localForged["aud"] = "kavach";
        var weak = provider.Claims(now, "mallory", []);
        var escalated = Claims();
        var idToken = Claims();
        idToken["typ"] = "ID";
        var refreshToken = Claims();
        refreshToken["typ"] = "Refresh";

        return
        [
            new("no token", _ => { }),
            Bearer("expired", provider.Sign(expired)),
            Bearer("not yet valid", provider.Sign(notYet)),
            Bearer("wrong issuer", provider.Sign(wrongIssuer)),
            Bearer("wrong audience", provider.Sign(wrongAudience)),
            Bearer("no expiry", provider.Sign(noExpiry)),
            Bearer("tampered signature", TestJwt.Tampered(valid)),
            Bearer("forged claims", TestJwt.WithPayload(provider.Sign(weak), escalated)),
            Bearer("alg none", TestJwt.Unsigned(Claims())),
            Bearer("HS256 with a guessable key", Hs256(Claims(), provider.CurrentKid)),
            Bearer("unpublished key", TestOidcProvider.SignWithForeignKey(Claims())),
            Bearer("forged local-issuer token", TestOidcProvider.SignWithForeignKey(localForged)),
            Bearer("Keycloak ID token (payload typ ID)", provider.Sign(idToken)),
            Bearer("Keycloak refresh token (payload typ Refresh)", provider.Sign(refreshToken)),
            Bearer("DPoP proof (header typ dpop+jwt)", provider.Sign(Claims(), typ: "dpop+jwt")),
            Bearer("garbage", "not-a-token"),
            new("expired, in the cookie", r => r.Headers.Add("Cookie", "Authorization=" + provider.Sign(expired))),
            new("Basic credentials", r => r.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("admin:admin")))),
        ];
    }

    private static Credential Bearer(string name, string token) => new(name, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

    private static string Hs256(JsonObject claims, string kid)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = kid };
        var input = TestJwt.B64(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + TestJwt.B64(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return input + "." + TestJwt.B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(kid), Encoding.ASCII.GetBytes(input)));
    }

    private sealed record Credential(string Name, Action<HttpRequestMessage> Apply);
}
