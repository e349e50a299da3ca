using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Server.Tests.Security.Support;

/// <summary>
/// A Keycloak-like OIDC provider on loopback: discovery at <c>/realms/mosip/.well-known/openid-configuration</c>, JWKS at
/// <c>/realms/mosip/protocol/openid-connect/certs</c>, RSA keys made in the test, tokens minted with any claims.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    private const string Realm = "/realms/mosip";
    private readonly WebApplication _app;
    private readonly List<(string Kid, RSA Key)> _keys = [];
    private int _jwksFetches;

    private TestOidcProvider(WebApplication app) => _app = app;

    /// <summary>The realm's address (Keycloak's issuer and Kavach's <c>Authority</c>).</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>How often the JWKS was fetched.</summary>
    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>The current signing key's id.</summary>
    public string CurrentKid { get; private set; } = string.Empty;

    /// <summary>When true, discovery and JWKS answer 503.</summary>
    public bool Down { get; set; }

    /// <summary>Starts the provider with one signing key.</summary>
    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestOidcProvider(app);
        app.MapGet(Realm + "/.well-known/openid-configuration", (HttpContext context) => provider.Discovery(context));
        app.MapGet(Realm + "/protocol/openid-connect/certs", (HttpContext context) => provider.Jwks(context));
        provider.RotateKey();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/') + Realm;
        return provider;
    }

    /// <summary>Adds a new signing key (the old ones stay published) and makes it current.</summary>
    public string RotateKey()
    {
        lock (_keys)
        {
            var kid = "kid-" + Guid.NewGuid().ToString("N")[..12];
            _keys.Add((kid, RSA.Create(2048)));
            CurrentKid = kid;
            return kid;
        }
    }

    /// <summary>Stops publishing the key <paramref name="kid"/> (it must not be the current one).</summary>
    public void RetireKey(string kid)
    {
        lock (_keys)
        {
            _keys.RemoveAll(k => k.Kid == kid && kid != CurrentKid);
        }
    }

    /// <summary>The standard claims of a valid access token: issuer, audience, subject, 5 minutes' life on <paramref name="now"/>.</summary>
    public JsonObject Claims(DateTimeOffset now, string subject, IEnumerable<string> roles, string audience = "kavach")
    {
        var roleArray = new JsonArray();
        foreach (var role in roles)
        {
            roleArray.Add(role);
        }

        return new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = new JsonArray(audience, "account"),
            ["sub"] = subject,
            ["preferred_username"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(5).ToUnixTimeSeconds(),
            ["realm_access"] = new JsonObject { ["roles"] = roleArray },
        };
    }

    /// <summary>Signs <paramref name="claims"/> with the current key (or <paramref name="kid"/>'s), header <c>typ</c> <paramref name="typ"/>.</summary>
    public string Sign(JsonObject claims, string? kid = null, string? typ = "JWT")
    {
        lock (_keys)
        {
            var (id, key) = _keys.Single(k => k.Kid == (kid ?? CurrentKid));
            return TestJwt.SignRs256(key, id, claims, typ);
        }
    }

    /// <summary>Signs with a key the provider never published, under an unpublished kid.</summary>
    public static string SignWithForeignKey(JsonObject claims)
    {
        using var rsa = RSA.Create(2048);
        return TestJwt.SignRs256(rsa, "foreign-" + Guid.NewGuid().ToString("N")[..8], claims);
    }

    /// <summary>
    /// Server arguments that make Kavach trust this provider by discovery, as issuer number <paramref name="index"/>; the
    /// issuer name comes from discovery unless <paramref name="configureIssuer"/>.
    /// </summary>
    public IEnumerable<string> ServerArguments(int index = 0, bool configureIssuer = false, string minimumRefresh = "00:00:00", string? extraRoleClaim = null)
    {
        var prefix = $"--Kavach:Security:Jwt:Issuers:{index}:";
        yield return prefix + $"Name=test-keycloak-{index}";
        yield return prefix + $"Authority={Issuer}";
        if (configureIssuer)
        {
            yield return prefix + $"Issuer={Issuer}";
        }

        yield return prefix + "Audiences:0=kavach";
        yield return prefix + "RequireHttpsMetadata=false";
        yield return prefix + $"MinimumKeysRefreshInterval={minimumRefresh}";
        if (extraRoleClaim is not null)
        {
            yield return prefix + "RoleClaims:0=realm_access.roles";
            yield return prefix + $"RoleClaims:1={extraRoleClaim}";
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        lock (_keys)
        {
            foreach (var (_, key) in _keys)
            {
                key.Dispose();
            }
        }
    }

    private IResult Discovery(HttpContext context)
    {
        if (Down)
        {
            return Results.StatusCode(503);
        }

        var body = new JsonObject
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/protocol/openid-connect/certs",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        };
        return Results.Text(body.ToJsonString(), "application/json");
    }

    private IResult Jwks(HttpContext context)
    {
        if (Down)
        {
            return Results.StatusCode(503);
        }

        Interlocked.Increment(ref _jwksFetches);
        var keys = new JsonArray();
        lock (_keys)
        {
            foreach (var (kid, key) in _keys)
            {
                var parameters = key.ExportParameters(false);
                keys.Add(new JsonObject
                {
                    ["kid"] = kid,
                    ["kty"] = "RSA",
                    ["alg"] = "RS256",
                    ["use"] = "sig",
                    ["n"] = TestJwt.B64(parameters.Modulus!),
                    ["e"] = TestJwt.B64(parameters.Exponent!),
                });
            }
        }

        return Results.Text(new JsonObject { ["keys"] = keys }.ToJsonString(), "application/json");
    }
}
