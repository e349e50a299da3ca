using Kavach.Hosting.Startup;
using Kavach.Server.Security;

namespace Kavach.Server.Http;

/// <summary>Answers 503 "not ready" while the key manager is starting (database or vault not open yet); the handler does not run.</summary>
internal sealed class NotReadyFilter : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return context.HttpContext.RequestServices.GetRequiredService<KavachReadiness>().IsReady
            ? next(context)
            : ValueTask.FromResult<object?>(new EnvelopeErrorResult(StatusCodes.Status503ServiceUnavailable, null, null, SecurityErrors.NotReady));
    }
}
