using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Service;
using Kavach.DeviceAgent.State;

namespace Kavach.DeviceAgent.Session;

/// <summary>Opens a device's session from its directory: its state, its key store, its server binding.</summary>
public static class DeviceSessions
{
    /// <summary>Opens the device in <paramref name="directory"/>; <paramref name="given"/> is the binding a command line named, if any.</summary>
    public static DeviceSession Open(DeviceDirectory directory, ServerBinding? given, TimeProvider time, IDeviceKeyStore? keys = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var state = DeviceStateFile.Load(directory);
        var binding = BindingResolver.Resolve(directory, given);
        return DeviceSession.Open(directory, keys ?? KeyStores.Open(state.KeyStore, directory), binding, time);
    }
}
