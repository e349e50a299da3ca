namespace Kavach.Hosting.Security.Options;

/// <summary>Bearer-token handling common to every issuer (<c>Kavach:Security:Jwt</c>).</summary>
public sealed class JwtAuthenticationOptions
{
    /// <summary>The deployment's OIDC providers or other JWT issuers (Keycloak in MOSIP).</summary>
    public List<OidcIssuerOptions> Issuers { get; set; } = [];

    /// <summary>Tolerated difference between our clock and the issuer's for <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>MOSIP's cookie carrying the token when there is no <c>Authorization</c> header.</summary>
    public string CookieName { get; set; } = "Authorization";

    /// <summary>Longer tokens are refused before any parsing.</summary>
    public int MaxTokenBytes { get; set; } = 16 * 1024;
}
