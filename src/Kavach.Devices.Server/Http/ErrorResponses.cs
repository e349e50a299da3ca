using Kavach.Keys.Errors;

namespace Kavach.Devices.Server.Http;

/// <summary>Writes <see cref="ErrorBody"/> responses: the only place the device server turns an error into HTTP.</summary>
internal static class ErrorResponses
{
    /// <summary>Writes <paramref name="error"/> with <paramref name="status"/> unless the response has started.</summary>
    public static Task WriteAsync(HttpContext context, int status, KavachError error)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        // Headers already set stay (Retry-After from the limiter or the authenticator).
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorBody(error.Code, error.Message), DeviceServerJsonContext.Default.ErrorBody, cancellationToken: CancellationToken.None);
    }

    /// <summary>The same as an endpoint result.</summary>
    public static IResult Result(int status, KavachError error) =>
        TypedResults.Json(new ErrorBody(error.Code, error.Message), DeviceServerJsonContext.Default.ErrorBody, statusCode: status);

    /// <summary>The status-code page for a bare status set by the framework (404, 405, 415, …).</summary>
    public static KavachError ForStatus(int status) => status switch
    {
        StatusCodes.Status404NotFound => DeviceServerErrors.NotFound,
        StatusCodes.Status405MethodNotAllowed => DeviceServerErrors.MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => DeviceServerErrors.BodyTooLarge,
        StatusCodes.Status415UnsupportedMediaType => DeviceServerErrors.UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => DeviceServerErrors.TooManyRequests,
        StatusCodes.Status401Unauthorized => DeviceServerErrors.AuthenticationFailed,
        StatusCodes.Status403Forbidden => DeviceServerErrors.Forbidden,
        StatusCodes.Status408RequestTimeout => DeviceServerErrors.RequestTimeout,
        StatusCodes.Status503ServiceUnavailable => DeviceServerErrors.NotReady,
        >= 500 => DeviceServerErrors.Internal,
        _ => DeviceServerErrors.BadRequest,
    };
}
