namespace Kavach.Devices.Hooks;

/// <summary>
/// Where the outbound hooks go and how hard they try (configuration section <c>Kavach:Devices:Hooks</c>). A hook
/// whose URL is not set is not queued (the de-registration runbook then asks the adopter by hand, as spec §1.12 says).
/// </summary>
public sealed class HookOptions
{
    /// <summary>MOSIP PMS (or the adopter's adapter in front of it): device registered.</summary>
    public Uri? PmsRegistrationUrl { get; set; }

    /// <summary>MOSIP PMS (or the adapter): device deactivated.</summary>
    public Uri? PmsDeactivationUrl { get; set; }

    /// <summary>MOSIP's hotlist service <c>POST …/hotlist/block</c>, as IDA reads it.</summary>
    public Uri? IdaHotlistUrl { get; set; }

    /// <summary>Outbox attempts before a delivery is given up as Failed (each attempt itself retries <see cref="InlineRetries"/> times).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed attempt; doubled after each further one, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Quick retries inside one attempt for transient failures (connection refused, 5xx, 408, 429, time-out).</summary>
    public int InlineRetries { get; set; } = 2;

    /// <summary>The first wait of the quick retries (exponential, with jitter).</summary>
    public TimeSpan InlineRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time-out of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed delivery is held by its sender before another replica may try it (a crashed sender's rows come back then).</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the background sender looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Deliveries sent per pass.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>The URL configured for <paramref name="kind"/>, or null.</summary>
    public Uri? UrlOf(HookKind kind) => kind switch
    {
        HookKind.PmsDeviceRegistered => PmsRegistrationUrl,
        HookKind.PmsDeviceDeactivated => PmsDeactivationUrl,
        HookKind.IdaHotlistBlock => IdaHotlistUrl,
        _ => null,
    };
}
