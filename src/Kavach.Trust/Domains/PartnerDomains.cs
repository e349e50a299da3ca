using Kavach.Keys.Errors;
using Kavach.Trust.Errors;

namespace Kavach.Trust.Domains;

/// <summary>The allowed partner domains (spec §6.1): matched case-insensitively, stored and cached in upper case.</summary>
public sealed class PartnerDomains
{
    private readonly HashSet<string> _allowed;

    /// <summary>Creates the set from the options' comma-separated list.</summary>
    public PartnerDomains(TrustOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        All = options.Domains();
        _allowed = new HashSet<string>(All, StringComparer.Ordinal);
    }

    /// <summary>The allowed domains, upper case.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The domain in upper case, or KER-PCM-011 when it is not allowed.</summary>
    public Result<string> Validate(string? domain)
    {
        var normalised = domain?.Trim().ToUpperInvariant();
        // The code stays MOSIP's; the message names the domains there are (configuration, not a secret).
        return normalised is not null && _allowed.Contains(normalised)
            ? normalised
            : TrustErrors.InvalidPartnerDomain.WithDetail($" Allowed domains: {string.Join(", ", All)}.");
    }
}
