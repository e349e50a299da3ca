using System.Threading.RateLimiting;
using Kavach.Server.Security.Authentication;
using Kavach.Hosting.Security.Options;
using Microsoft.AspNetCore.RateLimiting;

namespace Kavach.Server.Security.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter over API requests: one token bucket per authenticated subject (issuer and subject), one
/// per remote address for callers without valid credentials. Health and OpenAPI are not limited. Refusals are
/// HTTP 429 with <c>Retry-After</c> and a MOSIP envelope (<c>KER-ATH-429</c>).
/// </summary>
internal static class ClientRateLimiting
{
    public static void Configure(RateLimiterOptions limiter, ClientRateLimitOptions options)
    {
        var authenticated = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.AuthenticatedBurst),
            TokensPerPeriod = Math.Max(1, options.AuthenticatedPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        var anonymous = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.AnonymousBurst),
            TokensPerPeriod = Math.Max(1, options.AnonymousPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!ApiPaths.IsApi(context.Request))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var subject = KavachPrincipal.PartitionKey(context.User);
            return subject is not null
                ? RateLimitPartition.GetTokenBucketLimiter("u:" + subject, _ => authenticated)
                : RateLimitPartition.GetTokenBucketLimiter("a:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => anonymous);
        });
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = static async (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var decision = AccessDecisionFeature.Of(context);
            decision.Decision = AccessDecision.RateLimited;
            decision.Reason = "rate limit";
            context.RequestServices.GetService<Observability.KavachMetrics>()?.RecordRateLimitRefusal(context.User.Identity?.IsAuthenticated == true);
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await Http.Envelope.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, SecurityErrors.TooManyRequests);
        };
    }
}
