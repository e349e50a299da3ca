namespace Kavach.Hosting.Security.Options;

/// <summary>Kestrel timeouts and header limits (<c>Kavach:Security:Limits</c>); slow or oversized clients are cut off.</summary>
public sealed class ServerLimitsOptions
{
    /// <summary>Time allowed to receive all request headers.</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Idle time before a kept-alive connection is closed.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Slowest accepted request body upload, after <see cref="MinDataRateGracePeriod"/>.</summary>
    public double MinRequestBodyBytesPerSecond { get; set; } = 240;

    /// <summary>Slowest accepted response download, after <see cref="MinDataRateGracePeriod"/>.</summary>
    public double MinResponseBytesPerSecond { get; set; } = 240;

    /// <summary>Grace period before the data-rate minimums apply.</summary>
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Most request headers.</summary>
    public int MaxRequestHeaderCount { get; set; } = 64;

    /// <summary>Largest total size of the request headers.</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 32 * 1024;

    /// <summary>Largest request line (method, path and query).</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    /// <summary>Most concurrent connections; unlimited when null.</summary>
    public long? MaxConcurrentConnections { get; set; }
}
