namespace Kavach.Hosting.Files;

/// <summary>
/// Where the local operator's admin token lives: <c>&lt;data dir&gt;/admin.token</c> (mode 0600), a JWT of the local
/// issuer written by <see cref="Startup.KavachStartup"/> before the host is ready and kept fresh by
/// <see cref="Startup.AdminTokenRefresher"/>, both through <see cref="Tokens.AdminTokens"/>.
/// </summary>
public static class AdminToken
{
    /// <summary>The token file name inside the data directory.</summary>
    public const string FileName = "admin.token";
}
