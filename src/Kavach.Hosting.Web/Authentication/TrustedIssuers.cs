using Kavach.Hosting.Composition;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Security.Options;
using Kavach.Hosting.Startup;
using Kavach.Hosting.Tokens;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>Builds the accepted issuers from configuration, refusing to start on an incomplete one (fail closed).</summary>
internal static class TrustedIssuers
{
    public static List<TrustedIssuer> Create(SecurityOptions options, KavachReadiness readiness, Func<LocalTokenIssuer> localIssuer, HttpClient backchannel, TimeProvider time, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Kavach.Security.Authentication");
        var issuers = new List<TrustedIssuer>();
        var local = options.LocalIssuer;
        if (local.Enabled)
        {
            issuers.Add(new TrustedIssuer(
                "local",
                local.Issuer,
                [local.Audience],
                ["RS256"],
                ["realm_access.roles"],
                "preferred_username",
                new LocalIssuerKeySource(readiness, localIssuer(), local.Issuer, time, logger)));
        }

        for (var i = 0; i < options.Jwt.Issuers.Count; i++)
        {
            issuers.Add(External(options.Jwt.Issuers[i], $"Kavach:Security:Jwt:Issuers:{i}", local, backchannel, time, logger));
        }

        return issuers;
    }

    private static TrustedIssuer External(OidcIssuerOptions issuer, string where, LocalIssuerOptions local, HttpClient backchannel, TimeProvider time, ILogger logger)
    {
        if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
        {
            throw new KavachConfigurationException(where, $"Audiences is required (the token's aud must name Kavach).");
        }

        var configured = string.IsNullOrWhiteSpace(issuer.Issuer) ? null : issuer.Issuer;
        if (local.Enabled && string.Equals(configured, local.Issuer, StringComparison.Ordinal))
        {
            throw new KavachConfigurationException(where, $"Issuer '{configured}' is the local issuer's name.");
        }

        var staticKeys = issuer.SigningKeys.Where(k => !string.IsNullOrWhiteSpace(k)).ToList();
        if (!string.IsNullOrWhiteSpace(issuer.SigningKeysFile))
        {
            staticKeys.Add(File.ReadAllText(issuer.SigningKeysFile));
        }

        CachingKeySource keys;
        if (staticKeys.Count > 0)
        {
            if (configured is null)
            {
                throw new KavachConfigurationException(where, $"Issuer is required with configured signing keys.");
            }

            keys = new StaticKeySource(staticKeys.SelectMany(k => KeyMaterial.Parse(k, where)).ToList(), configured, time);
        }
        else if (!string.IsNullOrWhiteSpace(issuer.JwksUri) || OidcKeySource.MetadataAddress(issuer) is not null)
        {
            if (configured is null && !string.IsNullOrWhiteSpace(issuer.JwksUri))
            {
                throw new KavachConfigurationException(where, $"Issuer is required with JwksUri.");
            }

            keys = new OidcKeySource(backchannel, issuer, time, logger);
        }
        else
        {
            throw new KavachConfigurationException(where, $"give Authority, MetadataAddress, JwksUri, SigningKeys or SigningKeysFile.");
        }

        return new TrustedIssuer(
            issuer.Name,
            configured,
            issuer.Audiences,
            issuer.EffectiveAlgorithms,
            issuer.EffectiveRoleClaims,
            string.IsNullOrWhiteSpace(issuer.UserNameClaim) ? "sub" : issuer.UserNameClaim,
            keys);
    }
}
