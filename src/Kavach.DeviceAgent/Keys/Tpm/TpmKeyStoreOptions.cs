namespace Kavach.DeviceAgent.Keys.Tpm;

/// <summary>Where the agent finds its TPM: the tpm2-pkcs11 module, the token's label and the file holding the user PIN.</summary>
public sealed record TpmKeyStoreOptions
{
    /// <summary>The tpm2-pkcs11 module (Debian package libtpm2-pkcs11-1).</summary>
    public string ModulePath { get; init; } = "/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so";

    /// <summary>The label of the token the agent's keys live on.</summary>
    public string TokenLabel { get; init; } = "kavach-agent";

    /// <summary>The file holding the token's user PIN (mode 0600; one trailing newline is ignored).</summary>
    public string PinFile { get; init; } = "/etc/kavach-agent/tpm.pin";
}
