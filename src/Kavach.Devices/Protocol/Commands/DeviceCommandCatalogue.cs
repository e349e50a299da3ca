using System.Text.Json;
using Kavach.Devices.Protocol.Json;
using Kavach.Devices.Protocol.Messages;

namespace Kavach.Devices.Protocol.Commands;

/// <summary>
/// Writes catalogue commands for responses (server) and reads received ones (device). Reading never throws and never
/// turns an unknown kind or bad arguments into something executable: they come out <see cref="CommandReadOutcome.Rejected"/>.
/// </summary>
public static class DeviceCommandCatalogue
{
    private const int MaxCmdIdLength = 64;
    private const int MaxReasonLength = 256;

    /// <summary>A downlink command of <paramref name="kind"/> with its arguments.</summary>
    /// <exception cref="ArgumentException">The arguments are not of the kind's type or are invalid.</exception>
    public static DownlinkCommand Create(DeviceCommandKind kind, string cmdId, DateTimeOffset exp, IDeviceCommandArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!IsCmdId(cmdId))
        {
            throw new ArgumentException("The command id must be 1 to 64 characters of A-Z a-z 0-9 . _ -.", nameof(cmdId));
        }

        if (!ArgumentsValid(kind, arguments))
        {
            throw new ArgumentException($"Invalid arguments for {kind.ToWire()}.", nameof(arguments));
        }

        JsonElement? args = arguments switch
        {
            NoArguments => null,
            RotateKeyArguments a => ProtocolJson.ToElement(a, DeviceProtocolJsonContext.Default.RotateKeyArguments),
            DeregisterArguments a => ProtocolJson.ToElement(a, DeviceProtocolJsonContext.Default.DeregisterArguments),
            UpdateAvailableArguments a => ProtocolJson.ToElement(a, DeviceProtocolJsonContext.Default.UpdateAvailableArguments),
            SetPolicyArguments a => ProtocolJson.ToElement(a, DeviceProtocolJsonContext.Default.SetPolicyArguments),
            GetLogsArguments a => ProtocolJson.ToElement(a, DeviceProtocolJsonContext.Default.GetLogsArguments),
            _ => throw new ArgumentException("Unknown argument type.", nameof(arguments)),
        };
        return new DownlinkCommand(cmdId, kind.ToWire(), ProtocolTimestamp.ToText(exp), args);
    }

    /// <summary>Reads a received command against the catalogue at the device's trusted time <paramref name="now"/>.</summary>
    public static CatalogueCommand Read(DownlinkCommand command, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        string cmdId = command.CmdId ?? string.Empty;
        if (!IsCmdId(cmdId))
        {
            return Rejected(cmdId, null, null, "malformed command id");
        }

        if (!DeviceCommandKinds.TryParse(command.Kind, out DeviceCommandKind kind))
        {
            return Rejected(cmdId, null, null, "kind not in the catalogue");
        }

        if (!ProtocolTimestamp.TryParse(command.Exp, out DateTimeOffset exp))
        {
            return Rejected(cmdId, kind, null, "malformed exp");
        }

        if (!TryReadArguments(kind, command.Args, out IDeviceCommandArguments? arguments) || !ArgumentsValid(kind, arguments))
        {
            return Rejected(cmdId, kind, exp, "invalid arguments");
        }

        if (exp <= now)
        {
            return new CatalogueCommand(cmdId, CommandReadOutcome.Expired, kind, exp, null, "expired");
        }

        return new CatalogueCommand(cmdId, CommandReadOutcome.Accepted, kind, exp, arguments, null);
    }

    /// <summary>True for a command id of 1–64 characters of <c>A–Z a–z 0–9 . _ -</c>.</summary>
    public static bool IsCmdId(string? cmdId) => cmdId is { Length: <= MaxCmdIdLength } && ProtocolValues.IsSerialNo(cmdId);

    private static bool TryReadArguments(DeviceCommandKind kind, JsonElement? args, out IDeviceCommandArguments? arguments)
    {
        arguments = null;
        if (kind is DeviceCommandKind.GetDeviceInfo or DeviceCommandKind.SyncTime)
        {
            // No arguments: absent, or an empty object; anything else is a command we do not understand.
            if (args is null || (args.Value.ValueKind == JsonValueKind.Object && !args.Value.EnumerateObject().Any()))
            {
                arguments = NoArguments.Instance;
                return true;
            }

            return false;
        }

        if (args is not { } element)
        {
            return false;
        }

        bool read;
        switch (kind)
        {
            case DeviceCommandKind.RotateKey:
                read = ProtocolJson.TryRead(element, DeviceProtocolJsonContext.Default.RotateKeyArguments, out RotateKeyArguments? rotate);
                arguments = rotate;
                break;
            case DeviceCommandKind.Deregister:
                read = ProtocolJson.TryRead(element, DeviceProtocolJsonContext.Default.DeregisterArguments, out DeregisterArguments? deregister);
                arguments = deregister;
                break;
            case DeviceCommandKind.UpdateAvailable:
                read = ProtocolJson.TryRead(element, DeviceProtocolJsonContext.Default.UpdateAvailableArguments, out UpdateAvailableArguments? update);
                arguments = update;
                break;
            case DeviceCommandKind.SetPolicy:
                read = ProtocolJson.TryRead(element, DeviceProtocolJsonContext.Default.SetPolicyArguments, out SetPolicyArguments? policy);
                arguments = policy;
                break;
            case DeviceCommandKind.GetLogs:
                read = ProtocolJson.TryRead(element, DeviceProtocolJsonContext.Default.GetLogsArguments, out GetLogsArguments? logs);
                arguments = logs;
                break;
            default:
                read = false;
                break;
        }

        return read;
    }

    private static bool ArgumentsValid(DeviceCommandKind kind, IDeviceCommandArguments? arguments) => (kind, arguments) switch
    {
        (DeviceCommandKind.GetDeviceInfo or DeviceCommandKind.SyncTime, NoArguments) => true,
        (DeviceCommandKind.RotateKey, RotateKeyArguments a) => ProtocolValues.IsUuidV4(a.RotationId) && ProtocolTimestamp.TryParse(a.Deadline, out _),
        (DeviceCommandKind.Deregister, DeregisterArguments a) => ProtocolValues.IsShortText(a.Reason, MaxReasonLength),
        (DeviceCommandKind.UpdateAvailable, UpdateAvailableArguments a) => a.ReleaseCounter >= 1,
        (DeviceCommandKind.SetPolicy, SetPolicyArguments a) => PolicyRules.IsValid(a.CheckinSeconds, a.RotateAfterDays, a.CertDays),
        (DeviceCommandKind.GetLogs, GetLogsArguments a) => a.SinceSeq >= 0,
        _ => false,
    };

    private static CatalogueCommand Rejected(string cmdId, DeviceCommandKind? kind, DateTimeOffset? exp, string reason) =>
        new(cmdId, CommandReadOutcome.Rejected, kind, exp, null, reason);
}
