namespace Kavach.Hosting.Files;

/// <summary>
/// Where the local operator's admin token lives: <c>&lt;data dir&gt;/admin.token</c> (mode 0600), a JWT of the local
/// issuer written by <see cref="RuntimeStarter"/> before the server is ready and kept fresh by
/// <see cref="Security.Tokens.SecurityStartup"/>, both through <see cref="KavachRuntime.EnsureAdminTokenAsync"/>.
/// </summary>
public static class AdminToken
{
    /// <summary>The token file name inside the data directory.</summary>
    public const string FileName = "admin.token";
}
