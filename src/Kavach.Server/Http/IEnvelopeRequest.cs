namespace Kavach.Server.Http;

/// <summary>
/// The parsed MOSIP request envelope of the current request, kept on <c>HttpContext.Features</c> by
/// <see cref="EnvelopeRequest{T}"/>: the filters read its rejection and typed body, the response echoes its id and version.
/// </summary>
internal interface IEnvelopeRequest
{
    /// <summary>The request's <c>id</c>, echoed in the response.</summary>
    string? Id { get; }

    /// <summary>The request's <c>version</c>, echoed in the response.</summary>
    string? Version { get; }

    /// <summary>The typed <c>request</c> body, or null when the envelope was rejected.</summary>
    object? Body { get; }

    /// <summary>Why the envelope cannot reach a handler, or null when it can.</summary>
    EnvelopeRejection? Rejection { get; }
}
