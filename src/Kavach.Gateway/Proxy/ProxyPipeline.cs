using Kavach.Gateway.Http;
using Kavach.PartnerChannel;
using Kavach.Trust.Channel;
using Yarp.ReverseProxy.Forwarder;

namespace Kavach.Gateway.Proxy;

/// <summary>
/// The steps around YARP's forwarder: nothing without a verified partner is forwarded, and a backend that cannot be
/// reached (refused, timed out, reset before answering) gets 502 <c>KER-PCH-004</c> in MOSIP's envelope — which the
/// partner channel then signs (and, kavach, encrypts) like any response, so a partner can tell the gateway's own
/// answer from a forgery.
/// </summary>
internal static class ProxyPipeline
{
    /// <summary>Adds both steps ahead of the forwarder.</summary>
    public static void Configure(IReverseProxyApplicationBuilder proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        proxy.Use(VerifiedOnlyAsync);
        proxy.Use(BackendFailureAsync);
    }

    private static Task VerifiedOnlyAsync(HttpContext context, Func<Task> next) =>
        context.Features.Get<IPartnerChannelFeature>() is null
            ? GatewayEnvelope.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, ChannelErrors.RequestRefused)
            : next();

    private static async Task BackendFailureAsync(HttpContext context, Func<Task> next)
    {
        await next();
        if (context.GetForwarderErrorFeature() is { } failure && !context.Response.HasStarted)
        {
            GatewayLog.BackendUnavailable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyPipeline).FullName!), failure.Error.ToString());
            await GatewayEnvelope.WriteErrorAsync(context, StatusCodes.Status502BadGateway, ChannelErrors.BackendUnavailable);
        }
    }
}
