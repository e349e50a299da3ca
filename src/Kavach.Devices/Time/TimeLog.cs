using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Time;

/// <summary>Trusted time's log lines: the clock's state, never nonces.</summary>
internal static partial class TimeLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Trusted time refused: the server clock is not disciplined (source {Source}, error bound {ErrorMs} ms, limit {LimitMs} ms)")]
    public static partial void Refused(ILogger logger, string source, double? errorMs, int limitMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server clock error bound {ErrorMs} ms is above the alert threshold {AlertMs} ms (source {Source}); time is still signed")]
    public static partial void Degraded(ILogger logger, double errorMs, int alertMs, string source);
}
