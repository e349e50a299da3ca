using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Keys;

/// <summary>Opens the key store a device's settings name.</summary>
public static class KeyStores
{
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

    private static IDeviceKeyStore OpenTpm(KeyStoreSettings settings) =>
        throw new AgentException(AgentErrors.KeyStore, "this device has no TPM: use --key-store file (an L0 device without a TPM)");
}
