using System.Text.Json;
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
            await GatewayEnvelope.WriteErrorAsync(context, StatusCodes.Status502BadGateway, ChannelErrors.BackendUnavailable, await TransactionIdAsync(context));
        }
    }

    /// <summary>
    /// The verified request's top-level <c>transactionID</c> (mosip profile), which IDA echoes in every answer and the
    /// SDK holds the response to; null when there is none or the body is not a JSON object.
    /// </summary>
    private static async Task<string?> TransactionIdAsync(HttpContext context)
    {
        if (context.Features.Get<IPartnerChannelFeature>()?.Profile != ChannelProfile.Mosip || !context.Request.Body.CanSeek)
        {
            return null;
        }

        context.Request.Body.Position = 0;
        try
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return json.RootElement.ValueKind == JsonValueKind.Object &&
                json.RootElement.TryGetProperty("transactionID", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
