namespace Kavach.Vaults;

/// <summary>
/// The PKCS#12 vault refuses to open or read its file: unsafe permissions, a wrong password or a damaged file.
/// The message names the problem and never carries the password.
/// </summary>
public sealed class VaultOpenException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public VaultOpenException()
        : base("The key vault cannot be opened.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public VaultOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the fault behind it.</summary>
    public VaultOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
