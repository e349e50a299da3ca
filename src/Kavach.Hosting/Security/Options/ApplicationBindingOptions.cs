namespace Kavach.Hosting.Security.Options;

/// <summary>
/// Overrides of the application bindings (<c>Kavach:Security:ApplicationBindings</c>): which roles and OIDC clients
/// may use which applications' keys (decrypt, sign, jwtDecrypt, zk*, client crypto, creating base keys), and which may
/// only create base keys. Each value is a comma-separated list of application ids, <c>*</c> for all, or empty to
/// remove a default. Anything not bound is refused.
/// </summary>
public sealed class ApplicationBindingOptions
{
    /// <summary>Role → application ids it may use, replacing the default of the same role.</summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>OIDC client id (<c>azp</c>, else <c>client_id</c>) → application ids it may use.</summary>
    public Dictionary<string, string> Clients { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Role → application ids whose base keys it may create but not use, replacing the default of the same role.</summary>
    public Dictionary<string, string> KeyCreationRoles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>OIDC client id → application ids whose base keys it may create but not use.</summary>
    public Dictionary<string, string> KeyCreationClients { get; set; } = new(StringComparer.Ordinal);
}
