namespace Kavach.Vaults;

/// <summary>
/// A vault's configuration is wrong in a way no retry fixes (a missing library, an unsafe PIN file, contradictory
/// options): the host should stop at start with this one line. <see cref="Option"/> names the setting; the message
/// never holds a PIN or a password.
/// </summary>
public sealed class VaultConfigurationException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public VaultConfigurationException()
        : base("The key vault is misconfigured.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public VaultConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the fault behind it.</summary>
    public VaultConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the option <paramref name="option"/> (its property name on the vault's options type).</summary>
    public VaultConfigurationException(string option, string message, Exception? innerException = null)
        : base($"{option}: {message}", innerException) => Option = option;

    /// <summary>The offending option, by its property name on the vault's options type (e.g. <c>PinFile</c>), when one is to blame.</summary>
    public string? Option { get; }
}
