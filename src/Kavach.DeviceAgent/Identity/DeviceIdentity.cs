namespace Kavach.DeviceAgent.Identity;

/// <summary>
/// What a device is, as its maker provisioned it: the eight digital-id fields MOSIP defines (spec §1.4), its
/// certification level and the SBI facts it reports. It matches the device's whitelist entry.
/// </summary>
/// <param name="SerialNo">Serial number (SBI <c>deviceCode</c>).</param>
/// <param name="Make">Make.</param>
/// <param name="Model">Model.</param>
/// <param name="Type"><c>Finger</c>, <c>Iris</c> or <c>Face</c>.</param>
/// <param name="DeviceSubType">Sub-type allowed for the type (<c>Slap</c>, <c>Single</c>, <c>Double</c>, <c>Full face</c>, …).</param>
/// <param name="DeviceProvider">The provider's exact PMS organisation name.</param>
/// <param name="DeviceProviderId">The provider's PMS partner id.</param>
/// <param name="Certification"><c>L1</c> (an FTM chip signs its identity) or <c>L0</c> (the device key does, with manual approval).</param>
/// <param name="Purpose"><c>Auth</c> or <c>Registration</c>.</param>
/// <param name="Env">MOSIP environment (<c>Staging</c>, <c>Developer</c>, <c>Pre-Production</c>, <c>Production</c>).</param>
/// <param name="FirmwareVersion">The firmware version it runs.</param>
/// <param name="ServiceVersion">SBI service version.</param>
/// <param name="SpecVersion">SBI specification versions supported.</param>
public sealed record DeviceIdentity(
    string SerialNo,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string DeviceProvider,
    string DeviceProviderId,
    string Certification,
    string Purpose,
    string Env,
    string FirmwareVersion,
    string ServiceVersion,
    IReadOnlyList<string> SpecVersion)
{
    /// <summary>True for an L1 device (FTM chip).</summary>
    public bool IsL1 => string.Equals(Certification, "L1", StringComparison.Ordinal);

    /// <summary>The update hardware id <c>&lt;make&gt;/&lt;model&gt;</c> (spec §4.9).</summary>
    public string HardwareId => $"{Make}/{Model}";
}
