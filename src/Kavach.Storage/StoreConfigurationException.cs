namespace Kavach.Storage;

/// <summary>
/// The store's options cannot work (unknown provider, empty or malformed connection string, missing SQLite folder):
/// retrying will not help, so the host stops with this one line. The message names the setting and never quotes the
/// connection string, which may hold a password; for the same reason the parser's exception is not kept.
/// </summary>
public sealed class StoreConfigurationException : Exception
{
    /// <summary>Creates the exception for the <see cref="StoreOptions"/> property <paramref name="setting"/>.</summary>
    public StoreConfigurationException(string setting, string message)
        : base(message)
    {
        Setting = setting;
    }

    /// <summary>Creates the exception with no setting named.</summary>
    public StoreConfigurationException()
        : this(string.Empty, "The store's options are invalid.")
    {
    }

    /// <summary>Creates the exception with no setting named.</summary>
    public StoreConfigurationException(string message)
        : this(string.Empty, message)
    {
    }

    /// <summary>Creates the exception with no setting named and a cause (the store's own checks attach none).</summary>
    public StoreConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Setting = string.Empty;
    }

    /// <summary>
    /// The <see cref="StoreOptions"/> property at fault (<c>Provider</c> or <c>ConnectionString</c>), so a host can
    /// name its own configuration key (e.g. <c>Kavach:Database:ConnectionString</c>).
    /// </summary>
    public string Setting { get; }
}
