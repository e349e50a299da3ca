namespace Kavach.Cli.Commands;

/// <summary>The states <c>kavach keys list</c> shows and filters on.</summary>
public static class KeyStates
{
    /// <summary>Valid now: it decrypts and verifies (and, when current, encrypts and signs).</summary>
    public const string Active = "active";

    /// <summary>Its validity ended (by age, or it was replaced by a forced rotation).</summary>
    public const string Expired = "expired";

    /// <summary>Revoked (<c>/revokeKey</c>), as the audit trail records.</summary>
    public const string Revoked = "revoked";

    /// <summary>Its validity starts later.</summary>
    public const string NotYetValid = "not-yet-valid";

    /// <summary>Every state, for <c>--state</c>.</summary>
    public static readonly IReadOnlyList<string> All = [Active, Expired, Revoked, NotYetValid];
}
