using Kavach.Trust.Channel;

namespace Kavach.Gateway.Http;

/// <summary>
/// Outermost: a fault nothing else caught (a bug, an I/O error) becomes 503 <c>KER-PCH-003</c> in MOSIP's envelope,
/// never a 500 with a stack trace; the exception goes to the log.
/// </summary>
internal sealed partial class GatewayFaultMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<GatewayFaultMiddleware> _logger;

    public GatewayFaultMiddleware(RequestDelegate next, ILogger<GatewayFaultMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await _next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; there is no one to answer.
        }
#pragma warning disable CA1031 // every fault gets the same envelope; the log has the detail
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFault(_logger, e.GetType().Name, e);
            if (!context.Response.HasStarted)
            {
                await GatewayEnvelope.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, ChannelErrors.NotAvailable);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Gateway request failed ({Fault})")]
    private static partial void LogFault(ILogger logger, string fault, Exception exception);
}
