using Microsoft.Extensions.Logging;

namespace Kavach.PartnerChannel.Auditing;

/// <summary>The default audit: one structured log line per partner request.</summary>
public sealed partial class LoggingPartnerChannelAudit(ILogger<LoggingPartnerChannelAudit> logger) : IPartnerChannelAudit
{
    /// <inheritdoc />
    public ValueTask RecordAsync(PartnerChannelAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        Log(logger, auditEvent.Operation, auditEvent.RequestId, auditEvent.PartnerId, auditEvent.ClientAddress,
            auditEvent.Outcome, auditEvent.Reason, auditEvent.Status);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "{Operation} {RequestId} partner={PartnerId} client={ClientAddress} outcome={Outcome} reason={Reason} status={Status}")]
    private static partial void Log(ILogger logger, string operation, string requestId, string? partnerId,
        string? clientAddress, string outcome, string? reason, int status);
}
