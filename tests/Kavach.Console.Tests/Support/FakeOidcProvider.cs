using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kavach.Console.Tests.Support;

/// <summary>
/// A tiny OIDC provider on loopback for the console's sign-in: discovery, JWKS, <c>/authorize</c> that consents at once
/// for one configured user and answers a code, and <c>/token</c> that gives an RS256 access token only for a code whose
/// PKCE <c>code_verifier</c> hashes (S256) to the <c>code_challenge</c> the authorization request carried. An
/// authorization request without an S256 challenge gets no code at all, so a console that skips PKCE cannot sign in.
/// It also serves <c>/harness/</c>, the trivial pages the harness test drives the browser through.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    /// <summary>The client id the console is configured with.</summary>
    public const string ClientId = "kavach-console";

    /// <summary>The audience of the access tokens (the key manager's configured audience).</summary>
    public const string Audience = "kavach";

    private readonly WebApplication _app;
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _kid = "console-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new();
    private int _tokensIssued;
    private int _pkceRefusals;

    private FakeOidcProvider(WebApplication app) => _app = app;

    /// <summary>The issuer (and authority) URL, without a trailing slash.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>The provider's origin (scheme, host, port).</summary>
    public string Origin => new Uri(Issuer).GetLeftPart(UriPartial.Authority);

    /// <summary>The user <c>/authorize</c> consents for.</summary>
    public string Subject { get; set; } = "oidc-operator";

    /// <summary>The roles in that user's access token.</summary>
    public IReadOnlyList<string> Roles { get; set; } = ["KEY_MANAGER_ADMIN"];

    /// <summary>The origin redirect URIs must start with (the key manager's), set once it listens; CORS allows it.</summary>
    public string? AllowedOrigin { get; set; }

    /// <summary>How many access tokens <c>/token</c> issued.</summary>
    public int TokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>How many authorization or token requests were refused for a missing or wrong PKCE proof.</summary>
    public int PkceRefusals => Volatile.Read(ref _pkceRefusals);

    /// <summary>Starts the provider on a loopback port.</summary>
    public static async Task<FakeOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new FakeOidcProvider(app);
        app.Use(provider.CorsAsync);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Jwks);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        app.MapGet("/harness/{name}", HarnessPages.Serve);
        app.MapGet("/harness/data.json", () => Results.Json(new { rows = new[] { "alpha", "beta" } }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        provider.Issuer = address.TrimEnd('/');
        return provider;
    }

    /// <summary>Key manager arguments that make it trust this provider's access tokens (issuer 0, by discovery).</summary>
    public IEnumerable<string> KeyManagerArguments()
    {
        const string prefix = "--Kavach:Security:Jwt:Issuers:0:";
        yield return prefix + "Name=console-test-oidc";
        yield return prefix + $"Authority={Issuer}";
        yield return prefix + $"Issuer={Issuer}";
        yield return prefix + $"Audiences:0={Audience}";
        yield return prefix + "RequireHttpsMetadata=false";
        yield return prefix + "RoleClaims:0=realm_access.roles";
    }

    /// <summary>The S256 challenge of a verifier (RFC 7636 §4.2).</summary>
    public static string Challenge(string verifier) => Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private async Task CorsAsync(HttpContext context, RequestDelegate next)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin == AllowedOrigin)
        {
            context.Response.Headers.AccessControlAllowOrigin = origin;
            context.Response.Headers.AccessControlAllowHeaders = "Content-Type, Authorization";
            context.Response.Headers.AccessControlAllowMethods = "GET, POST";
            context.Response.Headers.Vary = "Origin";
        }

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await next(context);
    }

    private IResult Discovery() => Results.Text(new JsonObject
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new JsonArray("code"),
        ["grant_types_supported"] = new JsonArray("authorization_code"),
        ["code_challenge_methods_supported"] = new JsonArray("S256"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
        ["scopes_supported"] = new JsonArray("openid", "profile"),
    }.ToJsonString(), "application/json");

    private IResult Jwks()
    {
        var parameters = _key.ExportParameters(false);
        var key = new JsonObject
        {
            ["kid"] = _kid,
            ["kty"] = "RSA",
            ["alg"] = "RS256",
            ["use"] = "sig",
            ["n"] = Base64Url(parameters.Modulus!),
            ["e"] = Base64Url(parameters.Exponent!),
        };
        return Results.Text(new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString(), "application/json");
    }

    private IResult Authorize(HttpRequest request)
    {
        var query = request.Query;
        string redirectUri = query["redirect_uri"].ToString();
        if (query["response_type"] != "code" || query["client_id"] != ClientId || AllowedOrigin is null ||
            !redirectUri.StartsWith(AllowedOrigin + "/", StringComparison.Ordinal))
        {
            return Results.BadRequest("invalid_request: response_type=code, the console's client_id and a redirect_uri on the key manager are required");
        }

        string challenge = query["code_challenge"].ToString();
        if (query["code_challenge_method"] != "S256" || challenge.Length < 43)
        {
            Interlocked.Increment(ref _pkceRefusals);
            return Results.BadRequest("invalid_request: PKCE with code_challenge_method=S256 is required");
        }

        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new PendingCode(challenge, redirectUri, query["nonce"].ToString(), Subject, [.. Roles]);
        var separator = redirectUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var target = $"{redirectUri}{separator}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(query["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}";
        return Results.Redirect(target);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || form["client_id"] != ClientId ||
            !_codes.TryRemove(form["code"].ToString(), out var pending) || form["redirect_uri"] != pending.RedirectUri)
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        var verifier = form["code_verifier"].ToString();
        var expected = Encoding.ASCII.GetBytes(pending.Challenge);
        var presented = Encoding.ASCII.GetBytes(verifier.Length is >= 43 and <= 128 ? Challenge(verifier) : string.Empty);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            Interlocked.Increment(ref _pkceRefusals);
            return Results.BadRequest(new { error = "invalid_grant", error_description = "PKCE verification failed" });
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var roles = new JsonArray([.. pending.Roles.Select(r => JsonValue.Create(r))]);
        var access = Sign(new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = new JsonArray(Audience, "account"),
            ["azp"] = ClientId,
            ["sub"] = pending.Subject,
            ["preferred_username"] = pending.Subject,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 600,
            ["scope"] = "openid profile",
            ["realm_access"] = new JsonObject { ["roles"] = roles },
        });
        var idClaims = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = ClientId,
            ["sub"] = pending.Subject,
            ["preferred_username"] = pending.Subject,
            ["iat"] = now,
            ["exp"] = now + 600,
        };
        if (pending.Nonce.Length > 0)
        {
            idClaims["nonce"] = pending.Nonce;
        }

        Interlocked.Increment(ref _tokensIssued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = access,
            ["id_token"] = Sign(idClaims),
            ["token_type"] = "Bearer",
            ["expires_in"] = 600,
            ["scope"] = "openid profile",
        });
    }

    private string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = _kid };
        var input = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url(signature);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record PendingCode(string Challenge, string RedirectUri, string Nonce, string Subject, IReadOnlyList<string> Roles);
}
