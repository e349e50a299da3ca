namespace Kavach.Server.Audit;

/// <summary>The audit trail's log lines (ids and codes only).</summary>
internal static partial class AuditLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "Audit record for {Operation} (trace {TraceId}) could not be written; answering 503 ({Kind})")]
    public static partial void AppendFailed(ILogger logger, string operation, string traceId, string kind, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit record for {Operation} (trace {TraceId}, HTTP {Status}) not written: the runtime is not open yet")]
    public static partial void NotReady(ILogger logger, string operation, string traceId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit checkpoint at record {Seq}, hash {Hash}, signed by {Thumbprint}")]
    public static partial void CheckpointCreated(ILogger logger, long seq, string hash, string thumbprint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit checkpoint failed ({Kind})")]
    public static partial void CheckpointFailed(ILogger logger, string kind, Exception exception);
}
