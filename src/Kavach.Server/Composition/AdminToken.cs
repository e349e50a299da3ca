namespace Kavach.Server.Composition;

/// <summary>
/// Where the local operator's admin token lives: <c>&lt;data dir&gt;/admin.token</c> (mode 0600). Since the security
/// layer replaced the random token, the file holds a JWT of the local issuer, written and kept fresh by
/// <see cref="Security.Tokens.SecurityStartup"/> through <see cref="KavachRuntime.EnsureAdminTokenAsync"/>.
/// </summary>
public sealed class AdminToken
{
    /// <summary>The token file name inside the data directory.</summary>
    public const string FileName = "admin.token";

    private AdminToken(string path) => FilePath = path;

    /// <summary>Where the token is.</summary>
    public string FilePath { get; }

    /// <summary>Always false: the token is created by the security layer once the key hierarchy is open.</summary>
    public bool Created => false;

    /// <summary>
    /// The token file's location. Kept for start-up code written for the random token; it no longer creates anything
    /// (a token can only be signed once the vault is open: call <see cref="KavachRuntime.EnsureAdminTokenAsync"/>).
    /// </summary>
    public static AdminToken LoadOrCreate(string dataDirectory) => new(Path.Combine(dataDirectory, FileName));
}
