using System.Security.Cryptography;
using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Policy;

/// <summary>Registry rows for tests.</summary>
internal static class SampleDevices
{
    public static string NewSerial() => "SN" + RandomNumberGenerator.GetHexString(12);

    public static DeviceRecord Device(string serialNo, DeviceState state, DateTimeOffset at) =>
        new(serialNo, Guid.NewGuid().ToString("D"), "PROV1", "MOSIP", "SLAP01", "Finger", "Slap", "L1", "Auth", "Staging",
            RandomNumberGenerator.GetHexString(64, lowercase: true), null, state, 0, null, null, 0, false, "B1", at, 1);
}
