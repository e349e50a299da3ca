namespace Kavach.Devices.Repository.Approvals;

/// <summary>One four-eyes request (table <c>device_approval</c>).</summary>
/// <param name="Id">Its id (UUIDv4).</param>
/// <param name="Kind">What it would do.</param>
/// <param name="Subject">What it is about: batch id, serial, rollout id (at most 128 characters).</param>
/// <param name="PayloadJson">The kind's arguments as a JSON document (at most 64 KiB), kept with the request.</param>
/// <param name="RequestedBy">The administrator who asked.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="State">Where it is.</param>
/// <param name="DecidedBy">The second administrator who approved or rejected it; null while pending.</param>
/// <param name="DecidedAt">When it was decided; null while pending.</param>
/// <param name="Outcome">What the decision led to: the handler's note on success, its error code on failure, the reason of a rejection.</param>
public sealed record ApprovalRequest(
    string Id,
    ApprovalKind Kind,
    string Subject,
    string PayloadJson,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    ApprovalState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? Outcome);
