namespace Kavach.Server.Security;

/// <summary>What the security layer decided about a request under <c>/v1/keymanager</c>.</summary>
public enum AccessDecision
{
    /// <summary>Not decided yet (or not an API request).</summary>
    None,

    /// <summary>Authenticated and allowed by the endpoint's rule.</summary>
    Allowed,

    /// <summary>No valid credentials (HTTP 401).</summary>
    Unauthenticated,

    /// <summary>Authenticated, but the endpoint's rule does not allow the caller's roles, or the endpoint has no rule (HTTP 403).</summary>
    Forbidden,

    /// <summary>Over the client's rate limit (HTTP 429).</summary>
    RateLimited,

    /// <summary>Credentials could not be checked now (HTTP 503).</summary>
    Unavailable,
}
