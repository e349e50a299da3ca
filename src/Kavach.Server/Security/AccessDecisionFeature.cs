namespace Kavach.Server.Security;

/// <summary>
/// The security layer's decision on a request, on <c>HttpContext.Features</c>: the audit trail records denied requests
/// from it (who, which rule, why) without parsing responses.
/// </summary>
public sealed class AccessDecisionFeature
{
    /// <summary>The decision.</summary>
    public AccessDecision Decision { get; set; }

    /// <summary>The endpoint's rule name, when the request reached authorisation.</summary>
    public string? Rule { get; set; }

    /// <summary>A short reason for a refusal (no secrets, no token content), for logs and audit.</summary>
    public string? Reason { get; set; }

    /// <summary>The feature of <paramref name="context"/>, created on first use.</summary>
    public static AccessDecisionFeature Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var feature = context.Features.Get<AccessDecisionFeature>();
        if (feature is null)
        {
            feature = new AccessDecisionFeature();
            context.Features.Set(feature);
        }

        return feature;
    }
}
