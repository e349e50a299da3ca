using System.Threading.RateLimiting;
using Kavach.Devices.Server.Configuration;
using Kavach.Devices.Server.DeviceRoutes;
using Microsoft.AspNetCore.RateLimiting;

namespace Kavach.Devices.Server.Http;

/// <summary>
/// The per-address fixed window on the routes open without a certificate (enrolment challenge, enrolment, time):
/// anyone can reach them, so a flood from one address gets 429 (not the limiter's default 503) with Retry-After.
/// </summary>
internal static class AnonymousRateLimiting
{
    public static void Configure(RateLimiterOptions limiter, DeviceServerOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = static (rejected, _) =>
        {
            var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
            rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new ValueTask(ErrorResponses.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, DeviceServerErrors.TooManyRequests));
        };
        limiter.AddPolicy(DeviceEndpoints.AnonymousPolicy, context =>
            RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.AnonymousPermitsPerWindow,
                    Window = options.AnonymousWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
    }
}
