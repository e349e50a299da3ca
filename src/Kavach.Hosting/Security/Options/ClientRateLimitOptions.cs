namespace Kavach.Hosting.Security.Options;

/// <summary>
/// Token-bucket limits per client (<c>Kavach:Security:RateLimit</c>), in three classes: service clients (a token with one
/// of <see cref="ServiceRoles"/>) by subject, other authenticated callers by subject, callers without valid credentials
/// by remote address. Refused requests get HTTP 429 with a MOSIP envelope and <c>Retry-After</c>.
/// </summary>
/// <remarks>
/// The service default comes from the benchmark (docs/performance.md): the cheapest endpoint, getCertificate, costs
/// 41 µs of server CPU, about 24,400 requests per second per core, so one service client at 25,000 per second per core
/// can use the whole node on any endpoint — a busy registration processor is never refused below the node's capacity.
/// </remarks>
public sealed class ClientRateLimitOptions
{
    /// <summary>The service-client rate per core when <see cref="ServicePerSecond"/> is not set.</summary>
    public const int ServicePerSecondPerCore = 25_000;

    /// <summary>Limit requests under <c>/v1/keymanager</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Comma-separated roles that make a token a service client: MOSIP's service accounts.</summary>
    public string ServiceRoles { get; set; } =
        $"{KnownRoles.RegistrationProcessor},{KnownRoles.IdAuthentication},{KnownRoles.CredentialIssuance},{KnownRoles.Resident}";

    /// <summary>Requests per second a service client may sustain; unset, 25,000 per core of this node.</summary>
    public int? ServicePerSecond { get; set; }

    /// <summary>Burst size of a service client; unset, two seconds' worth.</summary>
    public int? ServiceBurst { get; set; }

    /// <summary>Requests per second any other authenticated client (people, scripts, partners) may sustain.</summary>
    public int AuthenticatedPerSecond { get; set; } = 1000;

    /// <summary>Burst size of any other authenticated client.</summary>
    public int AuthenticatedBurst { get; set; } = 2000;

    /// <summary>Requests per second from one address without valid credentials.</summary>
    public int AnonymousPerSecond { get; set; } = 20;

    /// <summary>Burst size of one address without valid credentials.</summary>
    public int AnonymousBurst { get; set; } = 50;

    /// <summary>The service-client rate in effect on a node with <paramref name="processorCount"/> cores.</summary>
    public int EffectiveServicePerSecond(int processorCount) =>
        ServicePerSecond ?? (int)Math.Min(int.MaxValue, (long)ServicePerSecondPerCore * Math.Max(1, processorCount));

    /// <summary>The service-client burst in effect on a node with <paramref name="processorCount"/> cores.</summary>
    public int EffectiveServiceBurst(int processorCount) =>
        ServiceBurst ?? (int)Math.Min(int.MaxValue, 2L * EffectiveServicePerSecond(processorCount));
}
