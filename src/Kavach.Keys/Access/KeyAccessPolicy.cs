using Kavach.Keys.Policy;

namespace Kavach.Keys.Access;

/// <summary>
/// MOSIP's <c>hasKeyAccess</c> (spec §4.6): which user names may decrypt or sign with an application's keys,
/// from <c>key_policy_def.access_allowed</c> (<c>NA</c> = anyone; otherwise a comma-separated list of user names).
/// </summary>
public sealed class KeyAccessPolicy
{
    private readonly KeyPolicyCatalog _policies;

    /// <summary>Creates the check over the policies.</summary>
    public KeyAccessPolicy(KeyPolicyCatalog policies) => _policies = policies;

    /// <summary>True when <paramref name="userName"/> may use the keys of <paramref name="appId"/>.</summary>
    public async ValueTask<bool> HasAccessAsync(string? appId, string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(appId))
        {
            return true;
        }

        var policy = await _policies.FindAsync(appId, cancellationToken);
        var allowed = policy?.AccessAllowed;
        if (string.IsNullOrWhiteSpace(allowed))
        {
            return false;
        }

        if (allowed.Trim() == "NA")
        {
            return true;
        }

        return userName is not null && allowed
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(name => string.Equals(name, userName, StringComparison.OrdinalIgnoreCase));
    }
}
