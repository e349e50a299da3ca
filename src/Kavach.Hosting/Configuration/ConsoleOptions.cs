namespace Kavach.Hosting.Configuration;

/// <summary>The <c>Kavach:Console</c> section: the operator console the key manager serves at <c>/console/</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>Serves the console. On by default: it is static files that call the API with the user's own token.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The deployment's OIDC provider for sign-in (authorization code + PKCE); null: token sign-in only.</summary>
    public ConsoleOidcOptions? Oidc { get; set; }

    /// <summary>The device management server whose admin API the device pages call (it must allow this origin); null: no device pages.</summary>
    public string? DeviceServerUrl { get; set; }
}
