namespace Kavach.Storage;

/// <summary>
/// The database could not be reached or used (connection refused, authentication, timeout, disk, locked file).
/// The message is generic on purpose: it may reach a client, so the provider's exception, which can name hosts,
/// users or SQL, is kept only as <see cref="Exception.InnerException"/> for the logs.
/// </summary>
public sealed class KeyStoreUnavailableException : Exception
{
    private const string GenericMessage = "The key store is unavailable.";

    /// <summary>Creates the exception with the generic message.</summary>
    public KeyStoreUnavailableException()
        : base(GenericMessage)
    {
    }

    /// <summary>Creates the exception with a message of the caller's (keep it free of connection details).</summary>
    public KeyStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of the caller's and the provider's exception.</summary>
    public KeyStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps a provider exception under the generic message.</summary>
    internal static KeyStoreUnavailableException Wrap(Exception providerException) =>
        new(GenericMessage, providerException);
}
