namespace Kavach.Gateway.Proxy;

/// <summary>The proxy's log lines (no partner data, no URLs with queries).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend not reached ({Error}); answered 502 KER-PCH-004")]
    public static partial void BackendUnavailable(ILogger logger, string error);
}
