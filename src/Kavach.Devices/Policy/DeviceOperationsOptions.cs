using Kavach.Devices.Checkin;
using Kavach.Devices.Commands;
using Kavach.Devices.Time;

namespace Kavach.Devices.Policy;

/// <summary>All operations settings (configuration section <c>Devices</c>: <c>Commands</c>, <c>Checkin</c>, <c>Time</c>, <c>Policy</c>).</summary>
public sealed class DeviceOperationsOptions
{
    /// <summary>Command expiry, retries, long-poll, limits.</summary>
    public DeviceCommandOptions Commands { get; set; } = new();

    /// <summary>Check-in policy and poll intervals.</summary>
    public CheckinOptions Checkin { get; set; } = new();

    /// <summary>When time is signed.</summary>
    public TrustedTimeOptions Time { get; set; } = new();

    /// <summary>The daily job and rotation.</summary>
    public DevicePolicyOptions Policy { get; set; } = new();

    /// <summary>Validates every part; throws naming the first bad setting.</summary>
    public DeviceOperationsOptions Validate()
    {
        Commands.Validate();
        Checkin.Validate();
        Time.Validate();
        Policy.Validate();
        return this;
    }
}
