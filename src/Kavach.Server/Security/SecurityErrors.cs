using Kavach.Keys.Errors;

namespace Kavach.Server.Security;

/// <summary>The errors of the security layer, in MOSIP's auth-adapter codes where MOSIP has one.</summary>
public static class SecurityErrors
{
    /// <summary>No credentials, or credentials that do not verify (HTTP 401). One answer for every reason: no oracle.</summary>
    public static readonly KavachError AuthenticationFailed = new("KER-ATH-401", "Authentication Failed");

    /// <summary>Authenticated, but no role of the caller is allowed on the endpoint (HTTP 403).</summary>
    public static readonly KavachError Forbidden = new("KER-ATH-403", "Forbidden");

    /// <summary>The token's issuer cannot be reached and no keys are cached (HTTP 503).</summary>
    public static readonly KavachError AuthServiceUnavailable = new("KER-ATH-002", "Fail to connect to auth service");

    /// <summary>The client exceeded its rate limit (HTTP 429); Kavach's code, MOSIP has none.</summary>
    public static readonly KavachError TooManyRequests = new("KER-ATH-429", "Too many requests; retry later");

    /// <summary>Local tokens cannot be checked before the key store is open (HTTP 503).</summary>
    public static readonly KavachError NotReady = new("KER-KMS-500", "Service not ready; retry later");
}
