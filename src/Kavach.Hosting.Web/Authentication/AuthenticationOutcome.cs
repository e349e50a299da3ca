using System.Security.Claims;

namespace Kavach.Hosting.Web.Authentication;

/// <summary>What checking a request's credentials found.</summary>
internal sealed record AuthenticationOutcome(AuthenticationStatus Status, ClaimsPrincipal? Principal, string? Reason)
{
    public static readonly AuthenticationOutcome None = new(AuthenticationStatus.None, null, null);

    public static AuthenticationOutcome Success(ClaimsPrincipal principal) => new(AuthenticationStatus.Authenticated, principal, null);

    public static AuthenticationOutcome Failed(string reason) => new(AuthenticationStatus.Failed, null, reason);

    public static AuthenticationOutcome Unavailable(string reason, bool local) =>
        new(local ? AuthenticationStatus.LocalUnavailable : AuthenticationStatus.IssuerUnavailable, null, reason);
}
