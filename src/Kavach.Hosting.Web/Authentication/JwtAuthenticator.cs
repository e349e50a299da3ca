using System.Collections.Frozen;
using System.Security.Claims;
using System.Text.Json;
using Kavach.Crypto;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Kavach.Hosting.Tokens;
using Kavach.Hosting.Startup;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>
/// Verifies bearer tokens: the unverified <c>iss</c> only chooses which issuer's keys and rules apply; then signature
/// (allowed algorithms only, never <c>none</c>), issuer, audience and lifetime (our <see cref="TimeProvider"/>, a small
/// skew) are checked by <see cref="JsonWebTokenHandler"/>. An unknown <c>kid</c> refetches the issuer's keys once.
/// </summary>
internal sealed class JwtAuthenticator
{
    private static readonly FrozenSet<string> AccessTokenHeaderTypes =
        new[] { "JWT", "at+jwt", "application/at+jwt" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Keycloak's ID, refresh, offline (refresh) and logout tokens.
    private static readonly FrozenSet<string> NonAccessPayloadTypes =
        new[] { "ID", "Refresh", "Offline", "Logout" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private readonly JsonWebTokenHandler _handler;
    private readonly IReadOnlyList<TrustedIssuer> _issuers;
    private readonly KavachReadiness _readiness;
    private readonly TimeProvider _time;
    private readonly TimeSpan _skew;
    private readonly int _maxTokenBytes;
    private readonly bool _localEnabled;
    private readonly ValidatedTokenCache _validated;

    public JwtAuthenticator(IReadOnlyList<TrustedIssuer> issuers, KavachReadiness readiness, TimeProvider time, TimeSpan skew, int maxTokenBytes)
    {
        _issuers = issuers;
        _readiness = readiness;
        _time = time;
        _skew = skew;
        _maxTokenBytes = maxTokenBytes;
        _localEnabled = issuers.Any(i => i.IsLocal);
        _handler = new JsonWebTokenHandler { MaximumTokenSizeInBytes = maxTokenBytes, MapInboundClaims = false };
        _validated = new ValidatedTokenCache(time);
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > _maxTokenBytes)
        {
            return Unattributable("token too large");
        }

        if (_validated.Find(token, out var knownIssuer, out var knownKeys) is { } known)
        {
            if (ReferenceEquals(await knownIssuer!.Keys.GetKeysAsync(refresh: false, cancellationToken), knownKeys))
            {
                return AuthenticationOutcome.Success(known);
            }

            _validated.Remove(token);
        }

        JsonWebToken unverified;
        try
        {
            unverified = new JsonWebToken(token);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            return Unattributable("malformed token");
        }

        if (unverified.IsEncrypted)
        {
            return Unattributable("encrypted token");
        }

        var (issuer, keys) = await FindIssuerAsync(unverified.Issuer, cancellationToken);
        if (issuer is null || keys is null)
        {
            return keys is { Available: false } ? AuthenticationOutcome.Unavailable("issuer keys unavailable", local: false) : Unattributable("unknown issuer");
        }

        if (!keys.Available)
        {
            return AuthenticationOutcome.Unavailable("issuer keys unavailable", issuer.IsLocal);
        }

        var result = await ValidateAsync(token, issuer, keys);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            var fresh = await issuer.Keys.GetKeysAsync(refresh: true, cancellationToken);
            if (fresh.Available && !ReferenceEquals(fresh, keys))
            {
                keys = fresh;
                result = await ValidateAsync(token, issuer, fresh);
            }
        }

        if (!result.IsValid || result.SecurityToken is not JsonWebToken verified)
        {
            return AuthenticationOutcome.Failed(result.Exception?.GetType().Name ?? "invalid token");
        }

        var outcome = Principal(verified, issuer);
        if (outcome.Principal is { } principal)
        {
            // The same bound the lifetime check applies.
            _validated.Add(token, principal, issuer, keys, verified.ValidTo.ToUniversalTime() + _skew);
        }

        return outcome;
    }

    private async Task<(TrustedIssuer? Issuer, IssuerKeys? Keys)> FindIssuerAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return (null, null);
        }

        IssuerKeys? unavailable = null;
        foreach (var candidate in _issuers)
        {
            if (candidate.ConfiguredIssuer is { } configured)
            {
                if (string.Equals(configured, name, StringComparison.Ordinal))
                {
                    return (candidate, await candidate.Keys.GetKeysAsync(refresh: false, cancellationToken));
                }

                continue;
            }

            // The issuer's name comes from its discovery document.
            var keys = await candidate.Keys.GetKeysAsync(refresh: false, cancellationToken);
            if (!keys.Available)
            {
                unavailable = keys;
            }
            else if (string.Equals(keys.Issuer, name, StringComparison.Ordinal))
            {
                return (candidate, keys);
            }
        }

        return (null, unavailable);
    }

    private async Task<TokenValidationResult> ValidateAsync(string token, TrustedIssuer issuer, IssuerKeys keys)
    {
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = issuer.ConfiguredIssuer ?? keys.Issuer,
            ValidateAudience = true,
            ValidAudiences = issuer.Audiences,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = _skew,
            LifetimeValidator = ValidateLifetime,
            RequireSignedTokens = true,
            IssuerSigningKeys = keys.Keys,
            TryAllIssuerSigningKeys = true,
            ValidAlgorithms = issuer.Algorithms,
            ValidateIssuerSigningKey = false,
        };
        try
        {
            return await _handler.ValidateTokenAsync(token, parameters);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or JsonException or FormatException)
        {
            return new TokenValidationResult { IsValid = false, Exception = e };
        }
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp || exp == DateTime.MinValue || now > exp.ToUniversalTime() + _skew)
        {
            return false;
        }

        return notBefore is not { } nbf || nbf == DateTime.MinValue || nbf.ToUniversalTime() <= now + _skew;
    }

    private static AuthenticationOutcome Principal(JsonWebToken verified, TrustedIssuer issuer)
    {
        // Type confusion: an issuer signs other tokens than access tokens with the same keys (ID tokens, refresh
        // tokens, logout tokens, DPoP proofs). Only an access token may authenticate a call.
        if (!string.IsNullOrEmpty(verified.Typ) && !AccessTokenHeaderTypes.Contains(verified.Typ))
        {
            return AuthenticationOutcome.Failed("not an access token (header typ)");
        }

        if (!Base64Url.TryDecodeUrlSafe(verified.EncodedPayload, out var payloadBytes))
        {
            return AuthenticationOutcome.Failed("payload not base64url");
        }

        using var payload = JsonDocument.Parse(payloadBytes);
        var root = payload.RootElement;

        // Keycloak marks its tokens in the payload: "Bearer" for access tokens (header typ "JWT" for all of them).
        if (TokenClaims.String(root, "typ") is { } payloadType && NonAccessPayloadTypes.Contains(payloadType))
        {
            return AuthenticationOutcome.Failed("not an access token (payload typ)");
        }

        var subject = TokenClaims.String(root, "sub");
        if (subject is null)
        {
            return AuthenticationOutcome.Failed("no subject");
        }

        var userName = TokenClaims.String(root, issuer.UserNameClaim) ?? subject;
        var roles = TokenClaims.Roles(root, issuer.RoleClaims);
        var clientId = TokenClaims.String(root, "azp") ?? TokenClaims.String(root, "client_id");
        Claim[] extra = clientId is null ? [] : [new Claim(KavachClaimTypes.ClientId, clientId)];
        return AuthenticationOutcome.Success(KavachPrincipal.Create(
            KavachClaimTypes.BearerAuthentication, subject, userName, issuer.ConfiguredIssuer ?? verified.Issuer, roles, extra));
    }

    // While the key store is not open, a token no external issuer claims cannot be told from a local token: retry later.
    private AuthenticationOutcome Unattributable(string reason) =>
        _localEnabled && !_readiness.IsReady ? AuthenticationOutcome.Unavailable(reason, local: true) : AuthenticationOutcome.Failed(reason);
}
