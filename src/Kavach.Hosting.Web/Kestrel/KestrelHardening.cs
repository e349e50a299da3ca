using Kavach.Hosting.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Kavach.Hosting.Web.Kestrel;

/// <summary>Kestrel's limits and timeouts from <see cref="SecurityOptions.Limits"/>.</summary>
public static class KestrelHardening
{
    /// <summary>Applies the limits.</summary>
    public static void Apply(KestrelServerOptions kestrel, SecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Limits;
        kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        kestrel.Limits.KeepAliveTimeout = limits.KeepAliveTimeout;
        kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(limits.MinRequestBodyBytesPerSecond, limits.MinDataRateGracePeriod);
        kestrel.Limits.MinResponseDataRate = new MinDataRate(limits.MinResponseBytesPerSecond, limits.MinDataRateGracePeriod);
        kestrel.Limits.MaxRequestHeaderCount = limits.MaxRequestHeaderCount;
        kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
        kestrel.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
        kestrel.Limits.MaxConcurrentConnections = limits.MaxConcurrentConnections;
    }
}
