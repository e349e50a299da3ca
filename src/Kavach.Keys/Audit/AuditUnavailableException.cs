namespace Kavach.Keys.Audit;

/// <summary>The audit trail cannot record now (database down, lock timeout, audit key missing): the request must fail closed.</summary>
public sealed class AuditUnavailableException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public AuditUnavailableException()
        : base("The audit trail is unavailable.")
    {
    }

    /// <summary>Creates the exception with a generic message and the cause.</summary>
    public AuditUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AuditUnavailableException(string message)
        : base(message)
    {
    }
}
