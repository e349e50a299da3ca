using System.Security.Cryptography;
using System.Text;

namespace Kavach.Devices.Hooks;

/// <summary>
/// The id MOSIP IDA's device hotlist uses for a device (spec §1.12): <c>DeviceHotlistFilterImpl</c> computes
/// <c>generateHashAndDigestAsPlainText(serialNo.concat(make).concat(model))</c>, which is SHA-256 of the bytes,
/// upper-case hex.
/// </summary>
public static class DeviceHotlistId
{
    /// <summary>Upper-case hex SHA-256 of UTF-8(<paramref name="serialNo"/> ‖ <paramref name="make"/> ‖ <paramref name="model"/>).</summary>
    public static string Compute(string serialNo, string make, string model)
    {
        ArgumentNullException.ThrowIfNull(serialNo);
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(model);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(serialNo + make + model)));
    }
}
