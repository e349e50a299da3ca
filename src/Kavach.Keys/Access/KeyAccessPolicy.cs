using Kavach.Keys.Policy;

namespace Kavach.Keys.Access;

/// <summary>
/// Who may decrypt or sign with an application's keys: first the <see cref="ApplicationBindings"/> (deny by default),
/// then MOSIP's <c>hasKeyAccess</c> (spec §4.6) from <c>key_policy_def.access_allowed</c> (<c>NA</c> = anyone bound;
/// otherwise a comma-separated list of user names).
/// </summary>
public sealed class KeyAccessPolicy
{
    private readonly KeyPolicyCatalog _policies;

    /// <summary>Creates the check over the policies and the bindings.</summary>
    public KeyAccessPolicy(KeyPolicyCatalog policies, ApplicationBindings bindings)
    {
        _policies = policies;
        Bindings = bindings;
    }

    /// <summary>The application bindings in force.</summary>
    public ApplicationBindings Bindings { get; }

    /// <summary>
    /// True when <paramref name="caller"/> is bound to <paramref name="appId"/>: the whole check where MOSIP applies no
    /// <c>access_allowed</c> (jwtDecrypt, zk*, client crypto, legacy sign), so applications without a key policy row (IDA)
    /// keep working for their bound callers.
    /// </summary>
    public bool IsBound(string appId, Caller caller) => Bindings.MayUse(caller, appId);

    /// <summary>
    /// True when <paramref name="caller"/> may use the keys of <paramref name="appId"/>: it is bound to the application,
    /// and <c>access_allowed</c> admits its user name. The binding is checked first, so an unbound caller costs no lookup.
    /// </summary>
    public async ValueTask<bool> AuthorizeAsync(string appId, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Bindings.MayUse(caller, appId))
        {
            return false;
        }

        return caller.IsSystem || await HasAccessAsync(appId, caller.Name, cancellationToken);
    }

    /// <summary>MOSIP's <c>access_allowed</c> check alone: true when <paramref name="userName"/> may use the keys of <paramref name="appId"/>.</summary>
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
