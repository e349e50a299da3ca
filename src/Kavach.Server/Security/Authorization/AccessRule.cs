using System.Collections.Frozen;
using System.Security.Claims;

namespace Kavach.Server.Security.Authorization;

/// <summary>Who may call one endpoint: any of <see cref="Roles"/>, or any authenticated caller.</summary>
/// <param name="Name">The rule name (e.g. <c>postdecrypt</c>).</param>
/// <param name="Roles">The allowed roles (compared exactly, as Spring's <c>hasAnyRole</c> does).</param>
/// <param name="AnyAuthenticated">True for <c>*</c>.</param>
public sealed record AccessRule(string Name, FrozenSet<string> Roles, bool AnyAuthenticated)
{
    /// <summary>True when <paramref name="user"/> may call the endpoint.</summary>
    public bool Allows(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        return AnyAuthenticated || user.FindAll(ClaimTypes.Role).Any(claim => Roles.Contains(claim.Value));
    }
}
