namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>
/// The device has no usable TPM token: the PKCS#11 module cannot be loaded, or no token carries the configured label
/// (uninitialised, or the TPM is not reachable through the TCTI). The message names what is missing, never the PIN.
/// </summary>
public sealed class TpmUnavailableException : Exception
{
    /// <summary>Creates the exception with a message naming what is missing.</summary>
    public TpmUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming what is missing and the fault underneath.</summary>
    public TpmUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TpmUnavailableException()
        : base("No TPM is available.")
    {
    }
}
