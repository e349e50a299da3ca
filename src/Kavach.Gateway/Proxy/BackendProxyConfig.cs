using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Kavach.Gateway.Proxy;

/// <summary>
/// The gateway's whole YARP configuration, made in code from <c>Kavach:Gateway:Backend</c>: one catch-all route to one
/// cluster with the backend as its only destination. Nothing is read from a <c>ReverseProxy</c> configuration section,
/// so no setting can route partner traffic around the channel.
/// </summary>
internal static class BackendProxyConfig
{
    /// <summary>The route's id.</summary>
    public const string RouteId = "partner-channel";

    /// <summary>The cluster's id.</summary>
    public const string ClusterId = "backend";

    // A backend that stops sending for this long is treated as down (502 KER-PCH-004).
    private static readonly TimeSpan ActivityTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The catch-all route.</summary>
    public static RouteConfig Route() => new()
    {
        RouteId = RouteId,
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**catch-all}" },
    };

    /// <summary>The backend cluster.</summary>
    public static ClusterConfig Cluster(Uri backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        return new ClusterConfig
        {
            ClusterId = ClusterId,
            Destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal)
            {
                ["backend"] = new DestinationConfig { Address = backend.AbsoluteUri },
            },
            HttpRequest = new ForwarderRequestConfig { ActivityTimeout = ActivityTimeout },
        };
    }
}
