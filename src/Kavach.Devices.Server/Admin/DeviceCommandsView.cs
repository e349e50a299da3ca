namespace Kavach.Devices.Server.Admin;

/// <summary><c>GET /admin/devices/{serial}/commands</c>: the device's commands, newest first.</summary>
public sealed record DeviceCommandsView(string Serial, IReadOnlyList<CommandHistoryView> Commands);
