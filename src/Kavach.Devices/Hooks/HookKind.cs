namespace Kavach.Devices.Hooks;

/// <summary>The outbound calls that close the loop with MOSIP (spec §4.13.3, §1.12).</summary>
public enum HookKind
{
    /// <summary>Tell MOSIP PMS a device was registered (enrolled and confirmed).</summary>
    PmsDeviceRegistered,

    /// <summary>Tell MOSIP PMS a device was deactivated (de-registered or compromised).</summary>
    PmsDeviceDeactivated,

    /// <summary>Ask MOSIP IDA's hotlist to block the device (<c>POST /block</c>, id type <c>DEVICE</c>).</summary>
    IdaHotlistBlock,
}
