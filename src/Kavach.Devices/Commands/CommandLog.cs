using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Commands;

/// <summary>The command queue's log lines: ids, kinds and states only, never arguments or results.</summary>
internal static partial class CommandLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CmdId} ({Kind}) queued for device {SerialNo} by {Actor}")]
    public static partial void Queued(ILogger logger, string cmdId, string kind, string serialNo, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CmdId} delivered to device {SerialNo} (attempt {Attempt})")]
    public static partial void Delivered(ILogger logger, string cmdId, string serialNo, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CmdId} of device {SerialNo} ended {State}")]
    public static partial void Completed(ILogger logger, string cmdId, string serialNo, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CmdId} of device {SerialNo} timed out after {Attempts} deliveries")]
    public static partial void TimedOut(ILogger logger, string cmdId, string serialNo, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {CmdId} of device {SerialNo} got no result in time; queued again")]
    public static partial void Requeued(ILogger logger, string cmdId, string serialNo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Result for command {CmdId} of device {SerialNo} refused: {Code}")]
    public static partial void ResultRefused(ILogger logger, string cmdId, string serialNo, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Long-poll refused: {Reason}")]
    public static partial void LongPollRefused(ILogger logger, string reason);
}
