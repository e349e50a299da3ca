using Kavach.Keys.Errors;

namespace Kavach.Server.Http;

/// <summary>A MOSIP error envelope with its status, as a filter's answer in place of the handler's.</summary>
internal sealed class EnvelopeErrorResult(int status, string? id, string? version, KavachError error) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) =>
        Envelope.WriteErrorsAsync(httpContext, status, id, version, [error], KavachJsonContext.Default.ResponseEnvelopeObject);
}
