using Kavach.Keys.Access;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Security.Authorization;

namespace Kavach.Server.Console;

/// <summary>
/// Who may use which application's keys, from the role table and the application bindings: a caller needs both a role
/// that passes the endpoint's rule and a role (or client) bound to the application (then <c>access_allowed</c> of the
/// key policy may narrow it to user names, which this map does not show).
/// </summary>
internal static class AccessMap
{
    /// <summary>The rules of the endpoints that use an application's private or secret keys.</summary>
    public static readonly IReadOnlyList<string> KeyUseRules =
    [
        "postdecrypt", "postdecryptwithpin", "postjwtdecrypt", "postzkencrypt", "postzkdecrypt", "postzkreencryptrandomkey",
        "postsign", "postsignv2", "postsignrawdata", "postpdfsign", "postjwtsign", "postjwtsignv2", "postjwssign", "postjwssignv2",
        "postcssign", "posttpmdecrypt",
    ];

    /// <summary>The map for <paramref name="applications"/> (those named by bindings and by keys), or for one application.</summary>
    public static AccessResponseDto Build(AccessRuleTable rules, ApplicationBindings bindings, IEnumerable<string> applications, string? only)
    {
        var apps = new SortedSet<string>(applications, StringComparer.Ordinal);
        foreach (var bound in bindings.RoleBindings.Values.Concat(bindings.ClientBindings.Values))
        {
            apps.UnionWith(bound.Where(app => app != ApplicationBindings.AllApplications));
        }

        if (only is not null)
        {
            apps = new SortedSet<string>([only], StringComparer.Ordinal);
        }

        var keyRules = KeyUseRules.Select(rules.Find).OfType<AccessRule>().ToList();
        return new AccessResponseDto([.. apps.Select(app =>
        {
            var roles = Bound(bindings.RoleBindings, app);
            var operations = keyRules
                .Select(rule => new AccessOperationDto(rule.Name, [.. roles.Where(role => rule.AnyAuthenticated || rule.Roles.Contains(role))]))
                .ToList();
            return new ApplicationAccessDto(app, roles, Bound(bindings.ClientBindings, app), operations);
        })]);
    }

    private static List<string> Bound(IReadOnlyDictionary<string, System.Collections.Frozen.FrozenSet<string>> table, string app) =>
        [.. table.Where(pair => pair.Value.Contains(app) || pair.Value.Contains(ApplicationBindings.AllApplications))
            .Select(pair => pair.Key)
            .Order(StringComparer.Ordinal)];
}
