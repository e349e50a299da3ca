namespace Kavach.Server.Http;

/// <summary>Answers a request whose envelope could not be read (see <see cref="EnvelopeRequest{T}"/>) with its error envelope; the handler does not run.</summary>
internal sealed class EnvelopeRejectionFilter : IEndpointFilter
{
    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return context.HttpContext.Features.Get<IEnvelopeRequest>() is { Rejection: { } rejection } envelope
            ? ValueTask.FromResult<object?>(new EnvelopeErrorResult(rejection.Status, envelope.Id, envelope.Version, rejection.Error))
            : next(context);
    }
}
