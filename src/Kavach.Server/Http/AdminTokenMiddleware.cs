using System.Security.Claims;
using Kavach.Keys.Errors;
using Kavach.Server.Composition;
using Kavach.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Kavach.Server.Http;

/// <summary>
/// Nothing under <c>/v1/keymanager</c> is open: callers present the admin token as <c>Authorization: Bearer &lt;token&gt;</c>
/// or as MOSIP's <c>Authorization</c> cookie. Role-based access replaces this later.
/// </summary>
public sealed class AdminTokenMiddleware
{
    /// <summary>The error for a missing or wrong token.</summary>
    public static readonly KavachError AuthenticationFailed = new("KER-ATH-401", "Authentication Failed");

    /// <summary>The user name of the admin token's holder (matched against <c>key_policy_def.access_allowed</c>).</summary>
    public const string AdminUserName = "admin";

    private readonly RequestDelegate _next;
    private readonly string _dataDirectory;
    private volatile AdminToken? _token;

    /// <summary>Creates the middleware.</summary>
    public AdminTokenMiddleware(RequestDelegate next, IOptions<KavachOptions> options)
    {
        _next = next;
        _dataDirectory = options.Value.DataDirectory;
    }

    /// <summary>Checks the token of API requests.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(KavachServer.ApiBase, StringComparison.Ordinal))
        {
            await _next(context);
            return;
        }

        var token = _token;
        if (token is null && File.Exists(Path.Combine(_dataDirectory, AdminToken.FileName)))
        {
            token = _token = AdminToken.LoadOrCreate(_dataDirectory);
        }

        var presented = Presented(context.Request);
        if (token is null || presented is null || !token.Matches(presented))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Envelope.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, AuthenticationFailed);
            return;
        }

        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, AdminUserName)], "AdminToken", ClaimTypes.Name, ClaimTypes.Role));
        await _next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var value = header.Length > 0 ? header : request.Cookies["Authorization"];
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : value.Trim();
    }
}
