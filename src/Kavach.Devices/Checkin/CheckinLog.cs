using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Checkin;

/// <summary>Check-in's log lines: serial, counts and versions; never telemetry beyond that, never anything biometric.</summary>
internal static partial class CheckinLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {SerialNo} checked in (firmware {Firmware}, release {ReleaseCounter}); {Commands} command(s) handed out, poll after {PollAfter} s")]
    public static partial void CheckedIn(ILogger logger, string serialNo, string firmware, long releaseCounter, int commands, int pollAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {SerialNo} reports release counter {Reported} below the recorded {Recorded}: a downgrade or a reflashed device")]
    public static partial void ReleaseRegressed(ILogger logger, string serialNo, long reported, long recorded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in of device {SerialNo} refused: {Code}")]
    public static partial void Refused(ILogger logger, string serialNo, string code);
}
