using System.Collections.Frozen;

namespace Kavach.Keys.Access;

/// <summary>
/// Which callers may use which applications' keys, deny by default. A role or an OIDC client id is bound to application
/// ids; a bound caller may decrypt and sign with that application's keys and create its base keys. Creation-only
/// bindings let administrators (and the services that hand out registration-machine certificates) create base keys
/// without gaining any use of them. <c>*</c> binds every application (meant for development and tests).
/// </summary>
public sealed class ApplicationBindings
{
    /// <summary>The value that binds every application.</summary>
    public const string AllApplications = "*";

    private readonly FrozenDictionary<string, FrozenSet<string>> _roles;
    private readonly FrozenDictionary<string, FrozenSet<string>> _clients;
    private readonly FrozenDictionary<string, FrozenSet<string>> _creationRoles;
    private readonly FrozenDictionary<string, FrozenSet<string>> _creationClients;

    private ApplicationBindings(
        FrozenDictionary<string, FrozenSet<string>> roles,
        FrozenDictionary<string, FrozenSet<string>> clients,
        FrozenDictionary<string, FrozenSet<string>> creationRoles,
        FrozenDictionary<string, FrozenSet<string>> creationClients)
    {
        _roles = roles;
        _clients = clients;
        _creationRoles = creationRoles;
        _creationClients = creationClients;
    }

    /// <summary>Bindings that bind nothing: every caller but <see cref="Caller.System"/> is refused.</summary>
    public static ApplicationBindings None { get; } = Create(
        new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>
    /// Parses the tables (key: role or client id; value: comma-separated application ids or <c>*</c>). A malformed
    /// entry throws <see cref="ArgumentException"/> whose message names the entry, so the host can stop with the setting named.
    /// </summary>
    public static ApplicationBindings Create(
        IReadOnlyDictionary<string, string> roles,
        IReadOnlyDictionary<string, string> clients,
        IReadOnlyDictionary<string, string> creationRoles,
        IReadOnlyDictionary<string, string> creationClients)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(creationRoles);
        ArgumentNullException.ThrowIfNull(creationClients);
        return new ApplicationBindings(
            Parse(roles, "Roles"), Parse(clients, "Clients"), Parse(creationRoles, "KeyCreationRoles"), Parse(creationClients, "KeyCreationClients"));
    }

    /// <summary>Role → the application ids its callers may use (<see cref="AllApplications"/> for all).</summary>
    public IReadOnlyDictionary<string, FrozenSet<string>> RoleBindings => _roles;

    /// <summary>OIDC client id → the application ids its tokens may use (<see cref="AllApplications"/> for all).</summary>
    public IReadOnlyDictionary<string, FrozenSet<string>> ClientBindings => _clients;

    /// <summary>True when <paramref name="caller"/> may decrypt and sign with the keys of <paramref name="appId"/> (before <c>access_allowed</c>).</summary>
    public bool MayUse(Caller caller, string appId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSystem || Binds(_roles, _clients, caller, appId);
    }

    /// <summary>True when <paramref name="caller"/> may create base keys of <paramref name="appId"/> (a use or a creation-only binding).</summary>
    public bool MayCreate(Caller caller, string appId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.IsSystem || Binds(_roles, _clients, caller, appId) || Binds(_creationRoles, _creationClients, caller, appId);
    }

    private static bool Binds(FrozenDictionary<string, FrozenSet<string>> roles, FrozenDictionary<string, FrozenSet<string>> clients, Caller caller, string appId)
    {
        if (string.IsNullOrEmpty(appId))
        {
            return false;
        }

        foreach (var role in caller.Roles)
        {
            if (roles.TryGetValue(role, out var apps) && Contains(apps, appId))
            {
                return true;
            }
        }

        return caller.ClientId is { Length: > 0 } client && clients.TryGetValue(client, out var bound) && Contains(bound, appId);
    }

    private static bool Contains(FrozenSet<string> apps, string appId) => apps.Contains(AllApplications) || apps.Contains(appId);

    private static FrozenDictionary<string, FrozenSet<string>> Parse(IReadOnlyDictionary<string, string> table, string name)
    {
        var result = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in table)
        {
            if (!IsName(key))
            {
                throw new ArgumentException($"{name}:{key} is not a role or client id (letters, digits, '_', '-', '.', ':', '@', '/', up to 256).");
            }

            var apps = new HashSet<string>(StringComparer.Ordinal);

            // An empty value unbinds a default: the entry then binds nothing.
            foreach (var app in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (app != AllApplications && !IsApplicationId(app))
                {
                    throw new ArgumentException($"{name}:{key} names '{app}', which is not an application id (A-Z, a-z, 0-9, '_', '-', '.', up to 36) nor '*'.");
                }

                apps.Add(app);
            }

            result[key] = apps.ToFrozenSet(StringComparer.Ordinal);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static bool IsName(string value) =>
        value.Length is > 0 and <= 256 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '@' or '/');

    private static bool IsApplicationId(string value) =>
        value.Length is > 0 and <= 36 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
