namespace Kavach.Hosting.Security.Options;

/// <summary>
/// The embedded token issuer (<c>Kavach:Security:LocalIssuer</c>): tokens signed in the vault by the master key of
/// <see cref="ApplicationId"/>, a key of Kavach's own hierarchy that no API caller may sign with.
/// </summary>
public sealed class LocalIssuerOptions
{
    /// <summary>The roles of the admin token when none are configured: every administrative role of the default table.</summary>
    public static readonly IReadOnlyList<string> DefaultAdminRoles = [KnownRoles.GlobalAdmin, KnownRoles.KeyManagerAdmin, KnownRoles.PartnerAdmin, KnownRoles.PmsAdmin, KnownRoles.KeyMigrationAdmin,
        KnownRoles.DeviceAdmin, KnownRoles.DeviceApprover, KnownRoles.DeviceViewer];

    /// <summary>Accept and issue local tokens (turn off when an external provider is the only authority).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>iss</c> of local tokens.</summary>
    public string Issuer { get; set; } = "kavach-local";

    /// <summary>The <c>aud</c> of local tokens.</summary>
    public string Audience { get; set; } = "kavach";

    /// <summary>The key policy (application id) whose master key signs tokens; created at first use with no API access.</summary>
    public string ApplicationId { get; set; } = "TOKEN_ISSUER";

    /// <summary>Validity of the signing key when its policy is created.</summary>
    public int KeyValidityDays { get; set; } = 365;

    /// <summary>Pre-expiry rotation window of the signing key when its policy is created.</summary>
    public int KeyPreExpireDays { get; set; } = 30;

    /// <summary>The longest lifetime <c>kavach token issue</c> grants.</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Write <c>&lt;DataDir&gt;/admin.token</c> (0600) at start-up and keep it fresh.</summary>
    public bool WriteAdminToken { get; set; } = true;

    /// <summary>Lifetime of the admin token; it is re-issued when less than half of it remains.</summary>
    public TimeSpan AdminTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The admin token's subject and user name.</summary>
    public string AdminSubject { get; set; } = "admin";

    /// <summary>The admin token's roles; <see cref="DefaultAdminRoles"/> when empty.</summary>
    public List<string> AdminRoles { get; set; } = [];

    /// <summary>The admin roles in effect.</summary>
    public IReadOnlyList<string> EffectiveAdminRoles => AdminRoles.Count > 0 ? AdminRoles : DefaultAdminRoles;
}
