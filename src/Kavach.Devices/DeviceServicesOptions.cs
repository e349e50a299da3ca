using Kavach.Devices.Authority;
using Kavach.Devices.Enrolment;
using Kavach.Devices.Policy;
using Kavach.Devices.Repository;
using Kavach.Devices.Updates;

namespace Kavach.Devices;

/// <summary>
/// Device management's settings as a host hands them to <see cref="DeviceServiceCollectionExtensions.AddKavachDevices"/>:
/// the device server binds them from <c>Kavach:DeviceServer:*</c>, tests set them in code, so both compose alike.
/// </summary>
public sealed class DeviceServicesOptions
{
    /// <summary>The device CA and server keys (<c>Kavach:DeviceServer:Authority</c>).</summary>
    public DeviceAuthorityOptions Authority { get; set; } = new();

    /// <summary>Enrolment (<c>Kavach:DeviceServer:Enrolment</c>).</summary>
    public EnrolmentOptions Enrolment { get; set; } = new();

    /// <summary>The central repository (<c>Kavach:DeviceServer:Repository</c>).</summary>
    public DeviceRepositoryOptions Repository { get; set; } = new();

    /// <summary>Check-in, commands, trusted time and the daily policy (<c>Kavach:DeviceServer:Operations</c>); validated when first resolved.</summary>
    public DeviceOperationsOptions Operations { get; set; } = new();

    /// <summary>Sets the update options (artifact directory, Release Root keys, limits); without it no update service is added.</summary>
    public Action<IServiceProvider, UpdateOptions>? ConfigureUpdates { get; set; }
}
