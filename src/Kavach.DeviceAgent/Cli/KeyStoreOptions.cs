using System.CommandLine;
using Kavach.DeviceAgent.Keys;

namespace Kavach.DeviceAgent.Cli;

/// <summary>Where a new device keeps its keys: the TPM (default) or, for an L0 device without one, 0600 files.</summary>
internal static class KeyStoreOptions
{
    public const string DefaultModule = "/usr/lib/x86_64-linux-gnu/pkcs11/libtpm2_pkcs11.so";
    public const string DefaultToken = "kavach-agent";
    public const string DefaultPinFile = "/etc/kavach-agent/tpm.pin";

    public static Option<string> Kind()
    {
        var option = new Option<string>("--key-store") { Description = "tpm (keys in the TPM through PKCS#11) or file (an L0 device without a TPM)", DefaultValueFactory = _ => KeyStoreSettings.Tpm };
        option.AcceptOnlyFromAmong(KeyStoreSettings.Tpm, KeyStoreSettings.File);
        return option;
    }

    public static Option<string?> Module() => new("--tpm-module") { Description = $"The TPM's PKCS#11 module (default $KAVACH_AGENT_TPM_MODULE or {DefaultModule})" };

    public static Option<string?> Token() => new("--tpm-token") { Description = $"The TPM token's label (default $KAVACH_AGENT_TPM_TOKEN or {DefaultToken})" };

    public static Option<string?> PinFile() => new("--tpm-pin-file") { Description = $"File holding the token's user PIN (default $KAVACH_AGENT_TPM_PIN_FILE or {DefaultPinFile})" };

    public static KeyStoreSettings Settings(string kind, string? module, string? token, string? pinFile) =>
        kind == KeyStoreSettings.File
            ? new KeyStoreSettings(KeyStoreSettings.File)
            : new KeyStoreSettings(
                KeyStoreSettings.Tpm,
                module ?? Environment.GetEnvironmentVariable("KAVACH_AGENT_TPM_MODULE") ?? DefaultModule,
                token ?? Environment.GetEnvironmentVariable("KAVACH_AGENT_TPM_TOKEN") ?? DefaultToken,
                Path.GetFullPath(pinFile ?? Environment.GetEnvironmentVariable("KAVACH_AGENT_TPM_PIN_FILE") ?? DefaultPinFile));
}
