using Microsoft.Extensions.Logging;

namespace Kavach.Devices.Repository;

/// <summary>The central repository's log messages: ids, kinds and codes only — never administrators' names, certificates or keys.</summary>
internal static partial class RepositoryLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} requested: {Kind} for {Subject}")]
    public static partial void ApprovalRequested(ILogger logger, string approvalId, string kind, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "Approval {ApprovalId} ({Kind}) decided: {State} {Outcome}")]
    public static partial void ApprovalDecided(ILogger logger, string approvalId, string kind, string state, string? outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Approval {ApprovalId} refused: {Code}")]
    public static partial void ApprovalRefused(ILogger logger, string approvalId, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Approval {ApprovalId} ({Kind}): the handler failed; the request is pending again")]
    public static partial void ApprovalHandlerFaulted(ILogger logger, Exception exception, string approvalId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Whitelist batch {BatchId} of provider {ProviderId} imported: {Count} entries, approval {ApprovalId}")]
    public static partial void BatchImported(ILogger logger, string batchId, string providerId, int count, string approvalId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Whitelist batch {BatchId} refused: {Code}")]
    public static partial void BatchRefused(ILogger logger, string batchId, string code);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Whitelist batch signature not trusted: {Reason}")]
    public static partial void BatchSignatureDetail(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Whitelist batch {BatchId}: {Count} devices entered the registry")]
    public static partial void BatchApplied(ILogger logger, string batchId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device provider {ProviderId} ({Kind}) registered")]
    public static partial void ProviderAdded(ILogger logger, string providerId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Device model {ModelId} of provider {ProviderId} {Change}")]
    public static partial void ModelChanged(ILogger logger, string modelId, string providerId, string change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Device {SerialNo} re-admitted from {From} by whitelist batch {BatchId}")]
    public static partial void DeviceReadmitted(ILogger logger, string serialNo, string batchId, string from);
}
