using System.Text.Json;
using Kavach.Hosting.Security.Options;
using Microsoft.IdentityModel.Tokens;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>
/// An OIDC provider's signing keys: discovery (<c>issuer</c>, <c>jwks_uri</c>) then the JWKS, over the back-channel
/// <see cref="HttpClient"/> (bounded size and time). Cached for <see cref="OidcIssuerOptions.KeysRefreshInterval"/>;
/// refetched early, at most once per <see cref="OidcIssuerOptions.MinimumKeysRefreshInterval"/>, for an unknown <c>kid</c>.
/// </summary>
internal sealed partial class OidcKeySource : CachingKeySource
{
    private readonly HttpClient _http;
    private readonly OidcIssuerOptions _options;
    private readonly ILogger _logger;

    public OidcKeySource(HttpClient http, OidcIssuerOptions options, TimeProvider time, ILogger logger)
        : base(time, options.KeysRefreshInterval, options.MinimumKeysRefreshInterval)
    {
        _http = http;
        _options = options;
        _logger = logger;
    }

    public override bool IsLocal => false;

    /// <summary>The discovery document's address of <paramref name="options"/>, or null when keys come from elsewhere.</summary>
    public static string? MetadataAddress(OidcIssuerOptions options) =>
        !string.IsNullOrWhiteSpace(options.MetadataAddress) ? options.MetadataAddress
        : !string.IsNullOrWhiteSpace(options.Authority) ? options.Authority.TrimEnd('/') + "/.well-known/openid-configuration"
        : null;

    protected override async Task<IssuerKeys?> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var issuer = string.IsNullOrWhiteSpace(_options.Issuer) ? null : _options.Issuer;
            var jwksUri = _options.JwksUri;
            if (string.IsNullOrWhiteSpace(jwksUri))
            {
                var metadata = await GetAsync(MetadataAddress(_options)!, cancellationToken);
                if (metadata is null)
                {
                    return null;
                }

                using var document = JsonDocument.Parse(metadata);
                var discovered = StringProperty(document.RootElement, "issuer");
                jwksUri = StringProperty(document.RootElement, "jwks_uri");
                if (discovered is null || jwksUri is null)
                {
                    LogFetchFailed(_logger, _options.Name, "discovery document without issuer or jwks_uri");
                    return null;
                }

                if (issuer is not null && !string.Equals(issuer, discovered, StringComparison.Ordinal))
                {
                    LogFetchFailed(_logger, _options.Name, "discovery issuer differs from the configured issuer");
                    return null;
                }

                issuer = discovered;
            }

            var jwks = await GetAsync(jwksUri, cancellationToken);
            if (jwks is null)
            {
                return null;
            }

            var keys = new JsonWebKeySet(jwks).GetSigningKeys().ToList();
            LogFetched(_logger, _options.Name, keys.Count);
            return new IssuerKeys(keys, issuer, true);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or ArgumentException or InvalidOperationException ||
                                  (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFetchFailed(_logger, _options.Name, e.GetType().Name);
            return null;
        }
    }

    private async Task<string?> GetAsync(string address, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && (_options.RequireHttpsMetadata || uri.Scheme != Uri.UriSchemeHttp)))
        {
            LogFetchFailed(_logger, _options.Name, "metadata and JWKS addresses must be https (RequireHttpsMetadata)");
            return null;
        }

        return await _http.GetStringAsync(uri, cancellationToken);
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Issuer {Name}: fetched {Count} signing keys")]
    private static partial void LogFetched(ILogger logger, string name, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Issuer {Name}: cannot fetch signing keys ({Reason})")]
    private static partial void LogFetchFailed(ILogger logger, string name, string reason);
}
