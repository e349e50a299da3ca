using Kavach.Devices.Commands;

namespace Kavach.Devices.Server.Admin;

/// <summary>A queued command as the admin API shows it.</summary>
public sealed record CommandView(string CmdId, string SerialNo, string Kind, string State, DateTimeOffset ExpiresAt)
{
    /// <summary>The view of <paramref name="command"/>.</summary>
    public static CommandView Of(DeviceCommandRecord command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(command.CmdId, command.SerialNo, command.Kind, command.State.ToString(), command.ExpiresAt);
    }
}
