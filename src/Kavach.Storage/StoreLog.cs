using Microsoft.Extensions.Logging;

namespace Kavach.Storage;

/// <summary>The store's log lines: causes as codes, never a connection string or a provider message.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "The key store cannot be opened ({Cause}); every operation retries until it can.")]
    public static partial void Unavailable(ILogger logger, string cause);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "The key store still cannot be opened ({Cause}).")]
    public static partial void StillUnavailable(ILogger logger, string cause);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "The key store is reachable again; its schema is up to date.")]
    public static partial void Opened(ILogger logger);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "The key change listener lost its connection ({Cause}); cached key rows expire quickly until it is back.")]
    public static partial void ListenerDisconnected(ILogger logger, string cause);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Debug, Message = "The key change listener is listening.")]
    public static partial void ListenerListening(ILogger logger);
}
