namespace Kavach.Devices.Server.Admin;

/// <summary>A page of <c>GET /admin/devices</c>; <paramref name="Next"/> is the <c>after</c> of the next page, null at the end.</summary>
public sealed record DevicePage(IReadOnlyList<DeviceView> Devices, string? Next);
