using Kavach.Keys.Audit;
using Kavach.PartnerChannel.Auditing;

namespace Kavach.PartnerChannel.InProcess;

/// <summary>
/// Partner requests in Kavach's tamper-evident audit trail (operation <c>partner.request</c>): who (partner id, TLS
/// certificate thumbprint), from where, the outcome (<c>OK</c> or the <c>KER-PCH</c> code), the HTTP status and the
/// refusal's reason — the reason the caller is never told.
/// </summary>
public sealed class AuditTrailPartnerChannelAudit : IPartnerChannelAudit
{
    private readonly AuditTrail _trail;
    private readonly string _applicationId;

    /// <summary>Creates the audit for partners of <paramref name="applicationId"/>.</summary>
    public AuditTrailPartnerChannelAudit(AuditTrail trail, string applicationId)
    {
        ArgumentNullException.ThrowIfNull(trail);
        _trail = trail;
        _applicationId = applicationId;
    }

    /// <inheritdoc />
    public async ValueTask RecordAsync(PartnerChannelAuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var detail = auditEvent.Reason is { Length: > 0 } reason ? "reason=" + Sanitise(reason) : null;
        await _trail.AppendAsync(
            new AuditEntry
            {
                Time = auditEvent.Time.UtcDateTime,
                RequestId = auditEvent.RequestId,
                Actor = auditEvent.PartnerId,
                AuthMethod = "PartnerChannel",
                Client = auditEvent.ClientAddress,
                Operation = auditEvent.Operation,
                AppId = _applicationId,
                KeyRef = auditEvent.TlsCertificateThumbprint is { } thumbprint ? "tls:" + thumbprint : null,
                Outcome = auditEvent.Outcome == PartnerChannelAuditEvent.Success ? AuditOutcomes.Success : auditEvent.Outcome,
                HttpStatus = auditEvent.Status,
                Detail = detail,
            },
            cancellationToken);
    }

    // Detail is name=value pairs separated by spaces: a reason keeps to one value.
    private static string Sanitise(string reason) =>
        string.Concat(reason.Select(c => char.IsWhiteSpace(c) || char.IsControl(c) ? '_' : c));
}
