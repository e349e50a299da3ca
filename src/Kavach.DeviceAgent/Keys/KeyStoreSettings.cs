namespace Kavach.DeviceAgent.Keys;

/// <summary>
/// Which key store a device uses, recorded with its state so every later command opens the same one: <c>tpm</c> (a TPM
/// 2.0 through the PKCS#11 module, the token and the file holding its user PIN) or <c>file</c> (an L0 device without a
/// TPM: 0600 key files in its state directory).
/// </summary>
/// <param name="Kind"><c>tpm</c> or <c>file</c>.</param>
/// <param name="Module">The TPM's PKCS#11 module (tpm2-pkcs11).</param>
/// <param name="Token">The token label.</param>
/// <param name="PinFile">The file holding the token's user PIN (0600, outside the state directory on a real device).</param>
public sealed record KeyStoreSettings(string Kind, string? Module = null, string? Token = null, string? PinFile = null)
{
    /// <summary>The TPM kind.</summary>
    public const string Tpm = "tpm";

    /// <summary>The file kind.</summary>
    public const string File = "file";
}
