using Kavach.Devices.Commands;

namespace Kavach.Devices.Server.Admin;

/// <summary>
/// One command of <c>GET /admin/devices/{serial}/commands</c>: its life and a summary of its result; never its
/// arguments or the result itself.
/// </summary>
public sealed record CommandHistoryView(
    string Id,
    string Kind,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? CompletedAt,
    int Attempts,
    string CreatedBy,
    CommandResultSummary? Result)
{
    /// <summary>The view of <paramref name="command"/>.</summary>
    public static CommandHistoryView Of(DeviceCommandRecord command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(
            command.CmdId, command.Kind, command.State.ToString(), command.CreatedAt, command.ExpiresAt, command.DeliveredAt,
            command.CompletedAt, command.Attempts, command.CreatedBy, CommandResultSummary.Of(command.Result));
    }
}
