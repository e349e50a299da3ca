namespace Kavach.Devices.Server.Http;

/// <summary>An error result that also tells the client when to retry (<c>Retry-After</c>, seconds).</summary>
internal sealed class RetryAfterResult(IResult inner, string seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = seconds;
        return inner.ExecuteAsync(httpContext);
    }
}
