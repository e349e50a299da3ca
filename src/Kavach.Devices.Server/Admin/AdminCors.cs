using Kavach.Devices.Server.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// Cross-origin access for the operator console, on the admin routes only: the configured origins may call them with
/// GET and POST and the headers a bearer-token client sends; no credentials (cookies) are ever allowed. The policy
/// runs before admin authentication, so a preflight is answered (204) without a token and never reaches a route.
/// </summary>
internal static class AdminCors
{
    public const string PolicyName = "kavach-console";

    /// <summary>True when there is anything to allow; without origins nothing is registered and no CORS header is sent.</summary>
    public static bool IsEnabled(DeviceServerOptions options) => options.Console.AllowedOrigins.Length > 0;

    public static void Configure(CorsOptions cors, DeviceServerOptions options) =>
        cors.AddPolicy(PolicyName, policy => policy
            .WithOrigins([.. options.Console.Origins()])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Authorization", "Content-Type", AdminReasonFilter.Header)
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .DisallowCredentials());
}
