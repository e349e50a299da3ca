namespace Kavach.Storage;

/// <summary>
/// The database refused a value the request carried (PostgreSQL's "data exception" class: a U+0000 character, a text
/// longer than its column, a number out of range): a client mistake, not a fault. The message is generic; the
/// provider's exception is kept only as <see cref="Exception.InnerException"/> for the logs.
/// </summary>
public sealed class KeyStoreInvalidValueException : Exception
{
    private const string GenericMessage = "The key store refused a value of the request.";

    /// <summary>Creates the exception with the generic message.</summary>
    public KeyStoreInvalidValueException()
        : base(GenericMessage)
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    public KeyStoreInvalidValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of the caller's and the provider's exception.</summary>
    public KeyStoreInvalidValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps a provider exception under the generic message.</summary>
    internal static KeyStoreInvalidValueException Wrap(Exception providerException) =>
        new(GenericMessage, providerException);
}
