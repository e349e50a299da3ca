using Kavach.Server.Http;

namespace Kavach.Server.Audit;

/// <summary>
/// Runs <see cref="RequestAudit.BeforeHandlerAsync"/> before the handler: the ambient audit scope it enters flows into
/// the handler and the services it calls. When the record that must precede the operation cannot be written the
/// request fails closed with 503 <see cref="RequestAudit.Unavailable"/> and nothing reaches the service.
/// </summary>
internal sealed class RequestAuditFilter : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var envelope = http.Features.Get<IEnvelopeRequest>();
        if (!await RequestAudit.BeforeHandlerAsync(http, envelope?.Body))
        {
            return new EnvelopeErrorResult(StatusCodes.Status503ServiceUnavailable, envelope?.Id, envelope?.Version, RequestAudit.Unavailable);
        }

        return await next(context);
    }
}
