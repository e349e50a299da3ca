namespace Kavach.Hosting.Configuration;

/// <summary>The <c>Kavach:Console:Oidc</c> section: the public client the console signs in with (no secret: PKCE).</summary>
public sealed class ConsoleOidcOptions
{
    /// <summary>The issuer URL (Keycloak: <c>https://iam.example/realms/mosip</c>); its discovery document must be reachable from the browser.</summary>
    public string? Authority { get; set; }

    /// <summary>The public client registered for the console, with redirect URI <c>https://&lt;this host&gt;/console/</c>.</summary>
    public string? ClientId { get; set; }

    /// <summary>The scopes asked for.</summary>
    public string Scope { get; set; } = "openid profile";
}
