using System.Text.Json;

namespace Kavach.Devices.Server.Admin;

/// <summary>The body of <c>POST /admin/devices/{serial}/commands</c>: a catalogue kind and its arguments.</summary>
/// <param name="Kind">The command kind (closed catalogue; anything else is refused).</param>
/// <param name="Arguments">The kind's arguments (a JSON object), when it takes any.</param>
/// <param name="TtlSeconds">How long the command may wait for the device; the service's default when null.</param>
public sealed record CommandRequest(string? Kind, JsonElement? Arguments, int? TtlSeconds);
