namespace Kavach.Devices.Server.Admin;

/// <summary>One row of <c>GET /admin/devices/summary</c>: how many devices of a provider, make and model are in a state.</summary>
public sealed record DeviceGroupView(string ProviderId, string Make, string Model, string State, long Count);
