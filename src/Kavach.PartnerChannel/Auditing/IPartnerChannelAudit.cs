namespace Kavach.PartnerChannel.Auditing;

/// <summary>Records one event per partner request, accepted or refused.</summary>
public interface IPartnerChannelAudit
{
    /// <summary>Records <paramref name="auditEvent"/>.</summary>
    ValueTask RecordAsync(PartnerChannelAuditEvent auditEvent, CancellationToken cancellationToken);
}
