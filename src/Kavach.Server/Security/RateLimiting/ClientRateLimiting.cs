using Kavach.Hosting.Web.Authentication;
using System.Collections.Frozen;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Kavach.Hosting.Security.Options;
using Microsoft.AspNetCore.RateLimiting;

namespace Kavach.Server.Security.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiter over API requests: one token bucket per authenticated subject — sized for a service
/// client when its token has a service role, for a person or script otherwise — and one per remote address for callers
/// without valid credentials. Health and OpenAPI are not limited. Refusals are HTTP 429 with <c>Retry-After</c> and a
/// MOSIP envelope (<c>KER-ATH-429</c>).
/// </summary>
internal static class ClientRateLimiting
{
    public static void Configure(RateLimiterOptions limiter, ClientRateLimitOptions options)
    {
        var service = Bucket(options.EffectiveServicePerSecond(Environment.ProcessorCount), options.EffectiveServiceBurst(Environment.ProcessorCount));
        var authenticated = Bucket(options.AuthenticatedPerSecond, options.AuthenticatedBurst);
        var anonymous = Bucket(options.AnonymousPerSecond, options.AnonymousBurst);
        var serviceRoles = options.ServiceRoles
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToFrozenSet(StringComparer.Ordinal);

        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!ApiPaths.IsApi(context.Request))
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var subject = KavachPrincipal.PartitionKey(context.User);
            if (subject is null)
            {
                return RateLimitPartition.GetTokenBucketLimiter("a:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => anonymous);
            }

            // The class is part of the key: the same subject with a token of other roles gets the other class's bucket.
            return HasAnyRole(context.User, serviceRoles)
                ? RateLimitPartition.GetTokenBucketLimiter("s:" + subject, _ => service)
                : RateLimitPartition.GetTokenBucketLimiter("u:" + subject, _ => authenticated);
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

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perSecond),
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static bool HasAnyRole(ClaimsPrincipal user, FrozenSet<string> roles)
    {
        foreach (var claim in user.Claims)
        {
            if (claim.Type == ClaimTypes.Role && roles.Contains(claim.Value))
            {
                return true;
            }
        }

        return false;
    }
}
