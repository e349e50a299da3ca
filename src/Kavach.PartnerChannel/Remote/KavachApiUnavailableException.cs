namespace Kavach.PartnerChannel.Remote;

/// <summary>
/// The Kavach server could not be used: unreachable, not ready, or it refused us (token, binding). An infrastructure
/// fault, which the middleware answers with 503 <c>KER-PCH-003</c>; never thrown for a partner's bad input.
/// </summary>
public sealed class KavachApiUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KavachApiUnavailableException()
    {
    }

    /// <summary>Creates the exception with a short reason (an endpoint and a status or error code, nothing secret).</summary>
    public KavachApiUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a short reason and its cause.</summary>
    public KavachApiUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
