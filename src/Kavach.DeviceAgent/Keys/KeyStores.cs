using System.Collections.Concurrent;
using Kavach.DeviceAgent.Keys.Tpm;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Keys;

/// <summary>
/// Opens the key store a device's settings name. Devices of one host share the host's TPM: one store per module and
/// token in the process (PKCS#11 allows one initialisation of a module per process).
/// </summary>
public static class KeyStores
{
    private static readonly ConcurrentDictionary<(string Module, string Token, string PinFile), Lazy<TpmKeyStore>> Tpms = new();

    /// <summary>The store of <paramref name="settings"/> for the device in <paramref name="directory"/>.</summary>
    public static IDeviceKeyStore Open(KeyStoreSettings settings, DeviceDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(directory);
        return settings.Kind switch
        {
            KeyStoreSettings.File => new SoftwareKeyStore(directory.KeysDirectory),
            KeyStoreSettings.Tpm => OpenTpm(settings),
            _ => throw new AgentException(AgentErrors.BadInput, $"unknown key store '{settings.Kind}': use tpm or file"),
        };
    }

    private static TpmKeyStore OpenTpm(KeyStoreSettings settings)
    {
        if (settings.Module is not { } module || settings.Token is not { } token || settings.PinFile is not { } pinFile)
        {
            throw new AgentException(AgentErrors.BadInput, "a TPM key store needs its module, token and PIN file");
        }

        if (!File.Exists(module))
        {
            throw new AgentException(AgentErrors.KeyStore, $"this host has no TPM PKCS#11 module at {module}: install tpm2-pkcs11 (libtpm2-pkcs11-1), or for an L0 device without a TPM use --key-store file");
        }

        return Tpms.GetOrAdd((module, token, pinFile), key => new Lazy<TpmKeyStore>(() => new TpmKeyStore(new TpmKeyStoreOptions { ModulePath = key.Module, TokenLabel = key.Token, PinFile = key.PinFile }))).Value;
    }
}
