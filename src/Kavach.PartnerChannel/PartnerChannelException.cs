namespace Kavach.PartnerChannel;

/// <summary>
/// Thrown by the partner SDK when a response fails any check (signature missing or wrong, another certificate than
/// the pinned one, not bound to the request, outside the time window, body that does not decrypt): the SDK fails
/// closed and hands back nothing of the response.
/// </summary>
public sealed class PartnerChannelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PartnerChannelException()
    {
    }

    /// <summary>Creates the exception with a short reason.</summary>
    public PartnerChannelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a short reason and its cause.</summary>
    public PartnerChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
