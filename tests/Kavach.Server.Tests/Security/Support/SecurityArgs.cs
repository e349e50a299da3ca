namespace Kavach.Server.Tests.Security.Support;

/// <summary>Server arguments shared by the security tests.</summary>
public static class SecurityArgs
{
    /// <summary>Rate limits out of the way of tests that send many requests from one client.</summary>
    public static readonly string[] HighRateLimits =
    [
        "--Kavach:Security:RateLimit:AuthenticatedPerSecond=1000000",
        "--Kavach:Security:RateLimit:AuthenticatedBurst=1000000",
        "--Kavach:Security:RateLimit:AnonymousPerSecond=1000000",
        "--Kavach:Security:RateLimit:AnonymousBurst=1000000",
    ];
}
