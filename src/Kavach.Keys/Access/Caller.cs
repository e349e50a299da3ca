namespace Kavach.Keys.Access;

/// <summary>
/// Who asks for a key operation: the authenticated user name (MOSIP's <c>access_allowed</c> matches it), its roles and
/// its OIDC client id (<c>azp</c>/<c>client_id</c>), which the application bindings match. <see cref="System"/> is
/// Kavach acting for itself or for the local operator's command line, which holds the vault already.
/// </summary>
/// <param name="Name">The user name (a token's <c>preferred_username</c>, else its subject).</param>
/// <param name="Roles">The caller's roles, compared exactly.</param>
/// <param name="ClientId">The OIDC client the token was issued to, when the token says.</param>
public sealed record Caller(string? Name, IReadOnlySet<string> Roles, string? ClientId)
{
    private static readonly IReadOnlySet<string> NoRoles = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Kavach itself or the local operator's CLI: bound to every application and not limited.</summary>
    public static Caller System { get; } = new("SYSTEM", NoRoles, null) { IsSystem = true };

    /// <summary>True only for <see cref="System"/>.</summary>
    public bool IsSystem { get; private init; }

    /// <summary>A caller with <paramref name="roles"/> (tests and tools).</summary>
    public static Caller Of(string? name, IEnumerable<string> roles, string? clientId = null) =>
        new(name, roles.ToHashSet(StringComparer.Ordinal), clientId);

    /// <summary>The creator written into <c>key_alias.cr_by</c> and counted by the creation limits (at most 256 characters).</summary>
    public string CreatorId
    {
        get
        {
            var id = string.IsNullOrEmpty(Name) ? ClientId ?? "anonymous" : Name;
            return id.Length <= 256 ? id : id[..256];
        }
    }
}
