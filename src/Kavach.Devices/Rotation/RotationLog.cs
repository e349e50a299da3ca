using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Rotation;

/// <summary>Rotation's log lines: serials, rotation ids and certificate serials only.</summary>
internal static partial class RotationLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation {RotationId} offered to device {SerialNo}, deadline {Deadline}")]
    public static partial void Offered(ILogger logger, string rotationId, string serialNo, DateTimeOffset deadline);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation {RotationId} of device {SerialNo}: certificate {CertSerial} issued, pending confirm")]
    public static partial void Issued(ILogger logger, string rotationId, string serialNo, string certSerial);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation {RotationId} of device {SerialNo} confirmed: {CertSerial} active, {OldSerial} revoked (superseded)")]
    public static partial void Confirmed(ILogger logger, string rotationId, string serialNo, string certSerial, string oldSerial);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key rotation {RotationId} of device {SerialNo} not confirmed by its deadline; {Revoked} pending certificate(s) revoked, the old certificate stays until it expires")]
    public static partial void Expired(ILogger logger, string rotationId, string serialNo, int revoked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation request of device {SerialNo} refused: {Code} ({Reason})")]
    public static partial void Refused(ILogger logger, string serialNo, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key rotation of device {SerialNo} required by {Actor}: its next check-in is offered rotateKey")]
    public static partial void Required(ILogger logger, string serialNo, string actor);
}
