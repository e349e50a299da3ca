namespace Kavach.Server.Observability;

/// <summary>
/// The MOSIP error code a request was answered with, set where every error envelope is written
/// (<see cref="Http.Envelope"/>), read by <see cref="RequestMetricsMiddleware"/>. Only error answers carry one, so a
/// successful request allocates nothing for it.
/// </summary>
internal sealed class RequestOutcomeFeature
{
    private RequestOutcomeFeature(string errorCode) => ErrorCode = errorCode;

    /// <summary>The first error code of the answer.</summary>
    public string ErrorCode { get; }

    /// <summary>Remembers the first error code of the envelope being written.</summary>
    public static void Record(HttpContext context, string errorCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Set(new RequestOutcomeFeature(errorCode));
    }
}
