namespace Kavach.Devices.Deregistration;

/// <summary>One de-registration of a device (table <c>device_deregistration</c>); at most one open per device.</summary>
/// <param name="Id">The request id (UUID).</param>
/// <param name="SerialNo">The device.</param>
/// <param name="Reason">The administrator's reason (short text, sent to the device in the command).</param>
/// <param name="State">Requested, Deregistering, Completed or Rejected.</param>
/// <param name="RequestedBy">The requesting administrator.</param>
/// <param name="RequestedAt">When requested.</param>
/// <param name="ApprovalId">The four-eyes approval request, when one was made.</param>
/// <param name="ApprovedBy">The approving administrator.</param>
/// <param name="ApprovedAt">When approved.</param>
/// <param name="DeadlineAt">After this the certificate is revoked without an acknowledgement (approval + 7 days).</param>
/// <param name="CommandId">The queued deregister command.</param>
/// <param name="CompletedAt">When it completed or was rejected.</param>
/// <param name="Outcome">One of <see cref="DeregistrationOutcomes"/>: acknowledged, overdue, rejected, compromised, abandoned.</param>
public sealed record DeregistrationRecord(
    string Id,
    string SerialNo,
    string Reason,
    DeregistrationState State,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    string? ApprovalId = null,
    string? ApprovedBy = null,
    DateTimeOffset? ApprovedAt = null,
    DateTimeOffset? DeadlineAt = null,
    string? CommandId = null,
    DateTimeOffset? CompletedAt = null,
    string? Outcome = null);
