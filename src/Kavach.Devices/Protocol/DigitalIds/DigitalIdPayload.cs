namespace Kavach.Devices.Protocol.DigitalIds;

/// <summary>
/// MOSIP's digital id (SBI/MDS spec, spec §1.4): exactly these eight members, all required, nothing else
/// (<c>DigitalIdResponseSchema.json</c>: <c>additionalProperties: false</c>). Equality of the fields against the registry
/// record is the caller's check.
/// </summary>
/// <param name="SerialNo">The serial number (also SBI <c>deviceCode</c>).</param>
/// <param name="Make">Make of the device.</param>
/// <param name="Model">Model of the device.</param>
/// <param name="Type"><c>Finger</c>, <c>Iris</c> or <c>Face</c>.</param>
/// <param name="DeviceSubType">A sub-type allowed for <paramref name="Type"/> (<see cref="DigitalIdTypes"/>).</param>
/// <param name="DeviceProvider">Device provider name.</param>
/// <param name="DeviceProviderId">Device provider id.</param>
/// <param name="DateTime">When it was made, <c>yyyy-MM-ddTHH:mm:ssZ</c> (seconds, as MOSIP's validators expect; <see cref="DigitalIdTime"/>).</param>
public sealed record DigitalIdPayload(
    string SerialNo,
    string Make,
    string Model,
    string Type,
    string DeviceSubType,
    string DeviceProvider,
    string DeviceProviderId,
    string DateTime);
