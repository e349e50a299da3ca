namespace Kavach.Devices.Registry;

/// <summary>How many devices of one provider, make and model are in one state: a row of the registry's summary.</summary>
/// <param name="ProviderId">The device provider.</param>
/// <param name="Make">Digital-id make.</param>
/// <param name="Model">Digital-id model.</param>
/// <param name="State">The lifecycle state.</param>
/// <param name="Count">The number of devices (at least 1).</param>
public sealed record DeviceGroupCount(string ProviderId, string Make, string Model, DeviceState State, long Count);
