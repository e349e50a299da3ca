namespace Kavach.Storage;

/// <summary>
/// A write broke a uniqueness rule of the database: a duplicate alias id, <c>key_store</c> id or <c>uni_ident</c>.
/// The database, not the caller's check, is the last word when two writers race, so callers can treat this as
/// "someone else created it". The message is generic; the provider's exception is the inner exception.
/// </summary>
public sealed class KeyStoreConflictException : Exception
{
    private const string GenericMessage = "A key store row with the same unique key already exists.";

    /// <summary>Creates the exception with the generic message.</summary>
    public KeyStoreConflictException()
        : base(GenericMessage)
    {
    }

    /// <summary>Creates the exception with a message of the caller's.</summary>
    public KeyStoreConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message of the caller's and the provider's exception.</summary>
    public KeyStoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Wraps a provider exception under the generic message.</summary>
    internal static KeyStoreConflictException Wrap(Exception providerException) =>
        new(GenericMessage, providerException);
}
