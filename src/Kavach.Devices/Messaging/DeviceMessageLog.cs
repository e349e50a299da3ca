using Kavach.Devices.Protocol;
using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Messaging;

/// <summary>Debug log of gate refusals: the route, the reason and a secret-free detail; serials only, never payloads or keys.</summary>
internal static partial class DeviceMessageLog
{
    [LoggerMessage(EventId = 16001, Level = LogLevel.Debug, Message = "Device message refused on {Kind}: {Reason} ({Detail}); serial {SerialNo}")]
    public static partial void Refused(ILogger logger, string kind, MessageRefusal reason, string detail, string serialNo);
}
