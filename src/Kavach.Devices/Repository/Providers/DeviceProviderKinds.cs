namespace Kavach.Devices.Repository.Providers;

/// <summary>The wire and trust-domain names of <see cref="DeviceProviderKind"/>.</summary>
public static class DeviceProviderKinds
{
    /// <summary>The trust domain of device providers.</summary>
    public const string DeviceDomain = "DEVICE";

    /// <summary>The trust domain of FTM providers.</summary>
    public const string FtmDomain = "FTM";

    /// <summary><c>DEVICE</c> or <c>FTM</c>: the stored value and the trust-store domain.</summary>
    public static string ToDomain(this DeviceProviderKind kind) => kind == DeviceProviderKind.Ftm ? FtmDomain : DeviceDomain;

    /// <summary>Parses <c>DEVICE</c> or <c>FTM</c> (any case); false otherwise.</summary>
    public static bool TryParse(string? value, out DeviceProviderKind kind)
    {
        kind = DeviceProviderKind.Device;
        if (string.Equals(value, DeviceDomain, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (string.Equals(value, FtmDomain, StringComparison.OrdinalIgnoreCase))
        {
            kind = DeviceProviderKind.Ftm;
            return true;
        }

        return false;
    }
}
