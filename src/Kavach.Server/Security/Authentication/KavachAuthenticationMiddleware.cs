using Kavach.Hosting.Web.Authentication;
using Kavach.Hosting.Configuration;
using Kavach.Server.Security.MutualTls;
using Microsoft.Extensions.Options;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Security.Authentication;

/// <summary>
/// Identifies the caller of an API request: a bearer token (header, or MOSIP's <c>Authorization</c> cookie) when one is
/// presented — it then decides alone — otherwise a TLS client certificate. It only sets <c>HttpContext.User</c>;
/// refusing is left to authorisation, after the rate limiter has counted anonymous callers by address.
/// Credentials that cannot be checked now get 503, never a guess.
/// </summary>
internal sealed partial class KavachAuthenticationMiddleware
{
    private static readonly TimeSpan ReadinessWait = TimeSpan.FromSeconds(10);

    private readonly RequestDelegate _next;
    private readonly JwtAuthenticator _tokens;
    private readonly ClientCertificateAuthenticator _certificates;
    private readonly AdminTokenRefresher _startup;
    private readonly string _cookieName;
    private readonly ILogger<KavachAuthenticationMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    public KavachAuthenticationMiddleware(
        RequestDelegate next,
        JwtAuthenticator tokens,
        ClientCertificateAuthenticator certificates,
        AdminTokenRefresher startup,
        IOptions<KavachOptions> options,
        ILogger<KavachAuthenticationMiddleware> logger)
    {
        _next = next;
        _tokens = tokens;
        _certificates = certificates;
        _startup = startup;
        _cookieName = options.Value.Security.Jwt.CookieName;
        _logger = logger;
    }

    /// <summary>Authenticates API requests.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ApiPaths.IsApi(context.Request))
        {
            if (ApiPaths.IsReadiness(context.Request))
            {
                // Ready means the admin token a local operator needs is written too.
                await _startup.WaitForAdminTokenAsync(ReadinessWait, context.RequestAborted);

                // An operator's token earns the reasons behind the answer; a missing or bad one only the answer.
                if (BearerCredential.Read(context.Request, _cookieName) is { } token &&
                    await _tokens.AuthenticateAsync(token, context.RequestAborted) is { Status: AuthenticationStatus.Authenticated } operatorOutcome)
                {
                    context.User = operatorOutcome.Principal!;
                }
            }

            await _next(context);
            return;
        }

        var outcome = await AuthenticateAsync(context);
        var decision = AccessDecisionFeature.Of(context);
        switch (outcome.Status)
        {
            case AuthenticationStatus.Authenticated:
                context.User = outcome.Principal!;
                break;
            case AuthenticationStatus.LocalUnavailable or AuthenticationStatus.IssuerUnavailable:
                decision.Decision = AccessDecision.Unavailable;
                decision.Reason = outcome.Reason;
                context.Response.Headers.RetryAfter = "5";
                await Http.Envelope.WriteErrorAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    outcome.Status == AuthenticationStatus.LocalUnavailable ? SecurityErrors.NotReady : SecurityErrors.AuthServiceUnavailable);
                return;
            case AuthenticationStatus.Failed:
                decision.Reason = outcome.Reason;
                LogFailed(_logger, outcome.Reason ?? string.Empty);
                break;
        }

        await _next(context);
    }

    private async Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context)
    {
        var token = BearerCredential.Read(context.Request, _cookieName);
        if (token is not null)
        {
            return await _tokens.AuthenticateAsync(token, context.RequestAborted);
        }

        var certificate = context.Connection.ClientCertificate;
        return certificate is null ? AuthenticationOutcome.None : await _certificates.AuthenticateAsync(certificate, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Credentials refused: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
