using Kavach.Keys.Storage;

namespace Kavach.Keys.Inventory;

/// <summary>The states of a key that operators see (<c>kavach keys list</c>, the <c>kavach_keys</c> metric).</summary>
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

    /// <summary>Every state, for filters and metric series.</summary>
    public static readonly IReadOnlyList<string> All = [Active, Expired, Revoked, NotYetValid];

    /// <summary>
    /// The state of <paramref name="alias"/> at <paramref name="now"/>. MOSIP's <c>key_alias</c> records only dates (a
    /// revocation moves the expiry to now), so whether an ended key was revoked comes from the audit trail
    /// (<see cref="RevokedKeys"/>).
    /// </summary>
    public static string Of(KeyAlias alias, DateTime now, IReadOnlySet<string> revoked) =>
        revoked.Contains(alias.Id) ? Revoked
        : now < alias.GeneratedAt ? NotYetValid
        : Policy.KeyValidity.IsUnexpired(alias, now) ? Active
        : Expired;
}
