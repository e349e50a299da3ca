using Kavach.Keys.Errors;
using Kavach.Server.Security;

namespace Kavach.Server.Http;

/// <summary>
/// What is left of the single admin token: its holder's user name, still used where the local operator acts (CLI
/// uploads). Requests are authenticated and authorised by <see cref="SecurityRegistration.UseKavachSecurity"/>.
/// </summary>
public static class AdminTokenMiddleware
{
    /// <summary>The error for a missing or wrong token.</summary>
    public static readonly KavachError AuthenticationFailed = SecurityErrors.AuthenticationFailed;

    /// <summary>The user name of the admin token's holder (matched against <c>key_policy_def.access_allowed</c>).</summary>
    public const string AdminUserName = "admin";
}
