using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Registry;

/// <summary>
/// The one way a clone alert is raised (spec §4.13.2, §5.3): an audit record <c>device.clone-alert</c> (actor
/// <c>SYSTEM</c>, outcome <c>ALERT</c>, subject the serial) that administrators read in the audit trail, and a warning
/// log line. Raised only on an authenticated conflicting claim, never on a bare serial.
/// </summary>
internal static partial class CloneAlert
{
    /// <summary>The audit operation.</summary>
    public const string Operation = "device.clone-alert";

    /// <summary>The audit outcome.</summary>
    public const string Outcome = "ALERT";

    /// <summary>Records the alert; <paramref name="detail"/> starts with <c>reason=</c> and holds ids only.</summary>
    public static async Task RaiseAsync(IDeviceAudit audit, TimeProvider time, ILogger logger, string serialNo, bool quarantined, string reason, string detail, CancellationToken cancellationToken)
    {
        LogAlert(logger, serialNo, quarantined ? "quarantined" : "not quarantined", reason);
        await audit.RecordAsync(new DeviceAuditEvent(time.GetUtcNow(), Operation, "SYSTEM", Outcome, serialNo, detail), cancellationToken);
    }

    [LoggerMessage(EventId = 1641, Level = LogLevel.Warning, Message = "Clone alert for device {SerialNo} ({Action}): authenticated conflicting claim ({Reason})")]
    private static partial void LogAlert(ILogger logger, string serialNo, string action, string reason);
}
