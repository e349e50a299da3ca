using Kavach.Devices.Server.Http;
using Kavach.Hosting.Configuration;
using Kavach.Hosting.Web.Authentication;
using Microsoft.Extensions.Options;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Authenticates every <c>/admin/*</c> request with the key manager's bearer tokens (OIDC issuers or the local issuer,
/// the <c>admin.token</c> included): no token or a bad one is 401 with one generic answer; credentials that cannot
/// be checked now are 503, never a guess. Roles are checked per route by <see cref="RoleFilter"/>.
/// </summary>
internal sealed partial class AdminAuthenticationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly JwtAuthenticator _tokens;
    private readonly string _cookieName;
    private readonly ILogger<AdminAuthenticationMiddleware> _logger;

    public AdminAuthenticationMiddleware(RequestDelegate next, JwtAuthenticator tokens, IOptions<KavachOptions> options, ILogger<AdminAuthenticationMiddleware> logger)
    {
        _next = next;
        _tokens = tokens;
        _cookieName = options.Value.Security.Jwt.CookieName;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var token = BearerCredential.Read(context.Request, _cookieName);
        if (token is null)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, DeviceServerErrors.AuthenticationFailed);
            return;
        }

        var outcome = await _tokens.AuthenticateAsync(token, context.RequestAborted);
        switch (outcome.Status)
        {
            case AuthenticationStatus.Authenticated:
                context.User = outcome.Principal!;
                await _next(context);
                return;
            case AuthenticationStatus.LocalUnavailable or AuthenticationStatus.IssuerUnavailable:
                context.Response.Headers.RetryAfter = "5";
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, DeviceServerErrors.NotReady);
                return;
            default:
                LogRefused(_logger, outcome.Reason ?? "no credentials");
                await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, DeviceServerErrors.AuthenticationFailed);
                return;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Admin credentials refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
