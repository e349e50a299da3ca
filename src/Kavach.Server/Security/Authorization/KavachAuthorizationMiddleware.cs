namespace Kavach.Server.Security.Authorization;

/// <summary>
/// Deny by default: an API request needs an authenticated caller (else 401 <c>KER-ATH-401</c>) and a rule for its endpoint
/// that allows one of the caller's roles (else 403 <c>KER-ATH-403</c>). Unknown paths and wrong methods pass on to
/// their 404/405 answers, which reveal nothing to an authenticated caller.
/// </summary>
public sealed partial class KavachAuthorizationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AccessRuleTable _rules;
    private readonly ILogger<KavachAuthorizationMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    public KavachAuthorizationMiddleware(RequestDelegate next, AccessRuleTable rules, ILogger<KavachAuthorizationMiddleware> logger)
    {
        _next = next;
        _rules = rules;
        _logger = logger;
    }

    /// <summary>Checks the caller against the endpoint's rule.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ApiPaths.IsApi(context.Request))
        {
            await _next(context);
            return;
        }

        var decision = AccessDecisionFeature.Of(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            decision.Decision = AccessDecision.Unauthenticated;
            decision.Reason ??= "no credentials";
            LogUnauthenticated(_logger, RuleName(context) ?? context.Request.Method, decision.Reason);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Http.Envelope.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, SecurityErrors.AuthenticationFailed);
            return;
        }

        var name = RuleName(context);
        if (name is null)
        {
            // No handler for this method and path: routing answers 404 or 405.
            decision.Decision = AccessDecision.Allowed;
            await _next(context);
            return;
        }

        decision.Rule = name;
        var rule = _rules.Find(name);
        if (rule is null || !rule.Allows(context.User))
        {
            decision.Decision = AccessDecision.Forbidden;
            decision.Reason = rule is null ? "no rule for the endpoint" : "role not allowed";
            LogForbidden(_logger, context.User.Identity.Name ?? string.Empty, name, decision.Reason);
            await Http.Envelope.WriteErrorAsync(context, StatusCodes.Status403Forbidden, SecurityErrors.Forbidden);
            return;
        }

        decision.Decision = AccessDecision.Allowed;
        await _next(context);
    }

    /// <summary>The rule name of the request's endpoint, or null when no handler matches its method and path.</summary>
    internal static string? RuleName(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint ||
            endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods ||
            !methods.HttpMethods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return EndpointRuleNames.For(context.Request.Method, endpoint.RoutePattern);
    }

    // The path is not logged: it can carry identifiers (tokenid/{uin}/...).
    [LoggerMessage(Level = LogLevel.Debug, Message = "Unauthenticated request on {Rule} refused: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, string rule, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {User} refused on {Rule}: {Reason}")]
    private static partial void LogForbidden(ILogger logger, string user, string rule, string reason);
}
