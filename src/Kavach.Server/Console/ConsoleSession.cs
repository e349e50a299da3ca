using System.Security.Claims;
using Kavach.Keys.Access;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Security;
using Kavach.Server.Security.Authorization;

namespace Kavach.Server.Console;

/// <summary>Who the caller of <c>GET /session</c> is: its roles, the applications it is bound to and every rule it passes.</summary>
internal static class ConsoleSession
{
    /// <summary>The session of <paramref name="user"/> under <paramref name="rules"/> and <paramref name="bindings"/>.</summary>
    public static SessionResponseDto Of(ClaimsPrincipal user, AccessRuleTable rules, ApplicationBindings bindings)
    {
        var caller = Callers.Of(user);
        var applications = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var role in caller.Roles)
        {
            if (bindings.RoleBindings.TryGetValue(role, out var apps))
            {
                applications.UnionWith(apps);
            }
        }

        if (caller.ClientId is { Length: > 0 } client && bindings.ClientBindings.TryGetValue(client, out var clientApps))
        {
            applications.UnionWith(clientApps);
        }

        return new SessionResponseDto(
            user.Identity?.Name,
            user.Identity?.AuthenticationType,
            [.. caller.Roles.Order(StringComparer.Ordinal)],
            [.. applications],
            [.. rules.Rules.Values.Where(rule => rule.Allows(user)).Select(rule => rule.Name).Order(StringComparer.Ordinal)]);
    }
}
