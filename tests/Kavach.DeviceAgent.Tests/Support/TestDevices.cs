using Kavach.DeviceAgent.Identity;
using Kavach.DeviceAgent.Keys;
using Kavach.DeviceAgent.Provisioning;
using Kavach.DeviceAgent.Session;
using Kavach.DeviceAgent.State;
using Kavach.Devices.Repository.Whitelist;

namespace Kavach.DeviceAgent.Tests.Support;

/// <summary>Simulated devices for the agent tests, provisioned through the same code as <c>kavach-agent sim-device</c>.</summary>
internal static class TestDevices
{
    public static DeviceIdentity Finger(string serial, string certification = "L1") =>
        new(serial, "MOSIP", "SLAP01", "Finger", "Slap", "MOSIP", "MOSIP.PROXY.SBI", certification, certification == "L1" ? "Auth" : "Registration", "Staging", "1.0.0", "1.0.0", ["0.9.5"]);

    public static DeviceIdentity Iris(string serial) =>
        new(serial, "MOSIP", "IRIS01", "Iris", "Double", "MOSIP", "MOSIP.PROXY.SBI", "L1", "Auth", "Staging", "1.0.0", "1.0.0", ["0.9.5"]);

    /// <summary>Provisions <paramref name="identity"/> in <paramref name="directory"/> with file keys; returns its whitelist entry.</summary>
    public static Task<WhitelistEntry> ProvisionAsync(string directory, DeviceIdentity identity, string ftmCaDirectory, IDeviceKeyStore? keys = null, IReadOnlyList<string>? updateRootKeys = null, bool l0Secret = false)
    {
        var device = new DeviceDirectory(directory);
        device.Ensure();
        var settings = new KeyStoreSettings(KeyStoreSettings.File);
        return SimulatedDevice.CreateAsync(device, identity, settings, keys ?? KeyStores.Open(settings, device), ftmCaDirectory, TimeProvider.System, CancellationToken.None, updateRootKeys, l0Secret);
    }

    /// <summary>Opens the device in <paramref name="directory"/> bound to <paramref name="server"/>.</summary>
    public static DeviceSession Open(string directory, AgentTestServer server, IDeviceKeyStore? keys = null) =>
        DeviceSessions.Open(new DeviceDirectory(directory), new ServerBinding(server.Url, server.RootPem, []), TimeProvider.System, keys);
}
