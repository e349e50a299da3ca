using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Deregistration;

/// <summary>Log lines of de-registration and compromise: serials, ids and codes only.</summary>
internal static partial class DeregistrationLog
{
    [LoggerMessage(EventId = 1625, Level = LogLevel.Information, Message = "De-registration {Id} of device {SerialNo} requested (approval {ApprovalId}).")]
    public static partial void Requested(ILogger logger, string id, string serialNo, string approvalId);

    [LoggerMessage(EventId = 1626, Level = LogLevel.Information, Message = "De-registration {Id} of device {SerialNo} approved: de-registering, command {CmdId} queued.")]
    public static partial void Approved(ILogger logger, string id, string serialNo, string cmdId);

    [LoggerMessage(EventId = 1627, Level = LogLevel.Warning, Message = "Device {SerialNo} revoked ({Reason}, {Outcome}): {Certificates} certificate(s), now {State}.")]
    public static partial void Revoked(ILogger logger, string serialNo, string reason, string outcome, int certificates, string state);

    [LoggerMessage(EventId = 1628, Level = LogLevel.Debug, Message = "De-registration acknowledgement of device {SerialNo} refused: {Reason}.")]
    public static partial void AckRefused(ILogger logger, string serialNo, string reason);

    [LoggerMessage(EventId = 1629, Level = LogLevel.Error, Message = "Device {SerialNo} revoked, but its log entry or hooks could not be written; the revocation holds.")]
    public static partial void AftermathFailed(ILogger logger, Exception exception, string serialNo);

    [LoggerMessage(EventId = 1630, Level = LogLevel.Warning, Message = "Device {SerialNo} revoked, but the CRL could not be republished now; it is rebuilt on the next CRL request.")]
    public static partial void CrlFailed(ILogger logger, Exception exception, string serialNo);
}
