using System.Text.Json;

namespace Kavach.Devices.Protocol.Messages;

/// <summary>One command in a response, on the wire: <c>{cmdId, kind, exp, args}</c>; read it with <see cref="Commands.DeviceCommandCatalogue"/>.</summary>
/// <param name="CmdId">The command's id; results are idempotent on it.</param>
/// <param name="Kind">The catalogue kind; anything outside the catalogue is rejected by the device.</param>
/// <param name="Exp">When the command expires (ISO 8601 UTC, milliseconds).</param>
/// <param name="Args">The kind's arguments, a JSON object; absent for kinds without arguments.</param>
public sealed record DownlinkCommand(
    string CmdId,
    string Kind,
    string Exp,
    JsonElement? Args = null);
