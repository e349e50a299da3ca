namespace Kavach.Keys.Vault;

/// <summary>
/// The vault cannot serve requests now (token removed, library failing, session lost). Requests fail cleanly with
/// HTTP 503; the vault reconnects by itself. The message names the cause, never a PIN or key material.
/// </summary>
public sealed class KeyVaultUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeyVaultUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
