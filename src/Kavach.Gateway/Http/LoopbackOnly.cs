using System.Net;

namespace Kavach.Gateway.Http;

/// <summary>
/// Who may read <c>/metrics</c> and the readiness checks' reasons: callers on loopback (a Prometheus agent or an
/// operator on the same host). The gateway has no operator login; partners reach it over the network.
/// </summary>
internal static class LoopbackOnly
{
    /// <summary>True when the request came from a loopback address.</summary>
    public static bool Allows(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);
}
