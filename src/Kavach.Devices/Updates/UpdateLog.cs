using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Updates;

/// <summary>Log messages of signed updates: counters, ids and hashes only.</summary>
internal static partial class UpdateLog
{
    [LoggerMessage(EventId = 8001, Level = LogLevel.Information, Message = "Update timestamp key {Alias} created in the vault.")]
    public static partial void TimestampKeyCreated(ILogger logger, string alias);

    [LoggerMessage(EventId = 8002, Level = LogLevel.Debug, Message = "Timestamps refreshed for {Count} release(s).")]
    public static partial void TimestampsRefreshed(ILogger logger, int count);

    [LoggerMessage(EventId = 8003, Level = LogLevel.Warning, Message = "Refreshing update timestamps failed; the next tick tries again.")]
    public static partial void TimestampRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8004, Level = LogLevel.Information, Message = "Update document refused ({Operation}): {Reason}.")]
    public static partial void DocumentRefused(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 8005, Level = LogLevel.Warning, Message = "Rollout {RolloutId} aborted: group {Group} reached {Failed} failure(s) of {Total}.")]
    public static partial void RolloutAborted(ILogger logger, string rolloutId, int group, int failed, int total);

    [LoggerMessage(EventId = 8006, Level = LogLevel.Information, Message = "Rollout {RolloutId} advanced to group {Group}.")]
    public static partial void RolloutAdvanced(ILogger logger, string rolloutId, int group);
}
