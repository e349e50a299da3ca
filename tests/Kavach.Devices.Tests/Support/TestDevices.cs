using Kavach.Devices.Registry;

namespace Kavach.Devices.Tests.Support;

/// <summary>Device rows for tests (the fields a whitelist entry would give).</summary>
public static class TestDevices
{
    public static DeviceRecord Active(string serialNo, DateTimeOffset at, string? ftmCertSha256 = null, string certification = "L1") =>
        new(
            serialNo,
            Guid.NewGuid().ToString(),
            "PROVIDER-1",
            "MOSIP",
            "SLAP01",
            "Finger",
            "Slap",
            certification,
            "Auth",
            "Staging",
            certification == "L1" ? ftmCertSha256 ?? new string('f', 64) : null,
            null,
            DeviceState.Active,
            0,
            null,
            "1.0.0",
            1,
            false,
            "BATCH-1",
            at,
            1);
}
