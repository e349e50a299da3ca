using Kavach.Hosting.Web.Authentication;
using System.Security.Claims;
using Kavach.Keys.Access;

namespace Kavach.Server.Security;

/// <summary>Turns the authenticated principal into the <see cref="Caller"/> the key services check against the application bindings.</summary>
public static class Callers
{
    private static readonly Caller Anonymous = Caller.Of(null, []);

    /// <summary>The caller of a request: user name, roles and client id of <paramref name="user"/>; nobody's when unauthenticated.</summary>
    public static Caller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }

        return Caller.Of(
            user.Identity.Name,
            user.FindAll(ClaimTypes.Role).Select(claim => claim.Value),
            user.FindFirst(KavachClaimTypes.ClientId)?.Value);
    }
}
