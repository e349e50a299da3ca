using Kavach.Keys.Hierarchy;
using Kavach.Keys.Storage;

namespace Kavach.Keys.Policy;

/// <summary>MOSIP's "current key" and pre-expiry rules (spec §4.3), as pure functions of <c>now</c>.</summary>
public static class KeyValidity
{
    /// <summary>Pre-expire days when no BASE policy row exists (MOSIP's constant).</summary>
    public const int DefaultBasePreExpireDays = 30;

    /// <summary>
    /// True when <paramref name="alias"/> is the key to use at <paramref name="now"/>: exactly at generation or
    /// expiry time, or strictly between generation and (expiry − pre-expire days).
    /// </summary>
    public static bool IsCurrent(KeyAlias alias, DateTime now, int preExpireDays)
    {
        // Revoked within its first minute, a key expires before it was generated: never current, even at that instant.
        if (alias.ExpiresAt < alias.GeneratedAt)
        {
            return false;
        }

        if (now == alias.GeneratedAt || now == alias.ExpiresAt)
        {
            return true;
        }

        return alias.GeneratedAt < now && now < alias.ExpiresAt.AddDays(-preExpireDays);
    }

    /// <summary>True when <paramref name="alias"/> can still be used to decrypt or verify (not past its expiry).</summary>
    public static bool IsUnexpired(KeyAlias alias, DateTime now) => alias.GeneratedAt <= now && now <= alias.ExpiresAt;

    /// <summary>The pre-expire window in days that applies to (appId, refId).</summary>
    public static int PreExpireDays(string appId, string refId, Func<string, KeyPolicy?> policyOf)
    {
        var appPolicy = policyOf(appId);
        if (appPolicy is null)
        {
            return 0;
        }

        if (refId.Length == 0 || refId == KeyIds.Sign || (string.Equals(appId, KeyIds.Kernel, StringComparison.OrdinalIgnoreCase) && refId is KeyIds.IdentityCache))
        {
            return appPolicy.PreExpireDays;
        }

        return policyOf(KeyIds.Base)?.PreExpireDays ?? DefaultBasePreExpireDays;
    }

    /// <summary>The current aliases among <paramref name="aliases"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<KeyAlias> Current(IEnumerable<KeyAlias> aliases, DateTime now, int preExpireDays) =>
        aliases.Where(a => IsCurrent(a, now, preExpireDays)).ToList();
}
