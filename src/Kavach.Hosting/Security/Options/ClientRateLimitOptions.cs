namespace Kavach.Hosting.Security.Options;

/// <summary>
/// Token-bucket limits per client (<c>Kavach:Security:RateLimit</c>): authenticated callers by subject, anonymous ones
/// by remote address. Refused requests get HTTP 429 with a MOSIP envelope and <c>Retry-After</c>.
/// </summary>
public sealed class ClientRateLimitOptions
{
    /// <summary>Limit requests under <c>/v1/keymanager</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests per second an authenticated client may sustain.</summary>
    public int AuthenticatedPerSecond { get; set; } = 1000;

    /// <summary>Burst size of an authenticated client.</summary>
    public int AuthenticatedBurst { get; set; } = 2000;

    /// <summary>Requests per second from one address without valid credentials.</summary>
    public int AnonymousPerSecond { get; set; } = 20;

    /// <summary>Burst size of one address without valid credentials.</summary>
    public int AnonymousBurst { get; set; } = 50;
}
