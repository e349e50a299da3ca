using System.Security.Claims;
using Kavach.Hosting.Security;
using Kavach.Hosting.Security.Bindings;
using Kavach.Hosting.Security.Options;
using Kavach.Server.Security.Authorization;

namespace Kavach.Server.Tests.Security;

/// <summary>
/// The role catalogue the CLI checks <c>token issue</c> against (<see cref="KnownRoles"/>, in Kavach.Hosting) and the
/// role table the server enforces (<see cref="DefaultAccessRules"/>) name the same roles: neither has a role the other lacks.
/// </summary>
public sealed class KnownRolesTests
{
    [Fact]
    public void Every_role_of_the_default_table_bindings_and_admin_token_is_in_the_catalogue_and_every_catalogued_role_is_used()
    {
        var used = DefaultAccessRules.RoleSets.Values.Concat(DefaultAccessRules.Rules.Values)
            .SelectMany(KnownRoles.Names)
            .Concat(DefaultApplicationBindings.Roles.Keys)
            .Concat(DefaultApplicationBindings.KeyCreationRoles.Keys)
            .Concat(LocalIssuerOptions.DefaultAdminRoles)
            .ToHashSet(StringComparer.Ordinal);

        // The device roles are the device server's; the admin token carries them so the local operator runs both hosts.
        Assert.Equal(KnownRoles.All.Concat(KnownRoles.Device).Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_catalogued_role_is_granted_some_endpoint_by_the_server_table()
    {
        var table = new AccessRuleTable(new AccessRulesOptions());
        var nobody = User();
        foreach (var role in KnownRoles.All)
        {
            // Rules open to any authenticated caller ("*") do not count: the role itself must be named.
            Assert.True(table.Rules.Values.Any(rule => rule.Allows(User(role)) && !rule.Allows(nobody)), role);
        }
    }

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)).Append(new Claim(ClaimTypes.Name, "u")), "test", ClaimTypes.Name, ClaimTypes.Role));
}
