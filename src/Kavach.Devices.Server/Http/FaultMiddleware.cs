namespace Kavach.Devices.Server.Http;

/// <summary>
/// The last net: a request Kestrel refuses while the body is read (too large, too slow, malformed framing) gets its
/// status and the JSON error; anything else unexpected is logged and answered with a generic KER-DEV-107, never a
/// stack trace.
/// </summary>
internal sealed partial class FaultMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<FaultMiddleware> _logger;

    public FaultMiddleware(RequestDelegate next, ILogger<FaultMiddleware> logger)
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
        catch (BadHttpRequestException e)
        {
            await ErrorResponses.WriteAsync(context, e.StatusCode, ErrorResponses.ForStatus(e.StatusCode));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
#pragma warning disable CA1031 // the last net: every other fault becomes one generic error
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFault(_logger, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "(no endpoint)", e);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, DeviceServerErrors.Internal);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled fault in {Method} {Endpoint}")]
    private static partial void LogFault(ILogger logger, string method, string endpoint, Exception exception);
}
