using Kavach.Keys.Errors;

namespace Kavach.Devices.Repository.Approvals;

/// <summary>
/// The owner of an <see cref="ApprovalKind"/> acting on its requests (register one per kind as a singleton
/// <see cref="IApprovalHandler"/>). <see cref="OnApprovedAsync"/> runs once per approved request: the approval service
/// claims the request (Pending → Applying) in the database first, so two administrators approving at once, on two
/// replicas, never both run it. It should do its work in one transaction and be safe to re-run after a crash.
/// </summary>
public interface IApprovalHandler
{
    /// <summary>The kind this handler acts on.</summary>
    ApprovalKind Kind { get; }

    /// <summary>
    /// Acts on an approved request. A value (an optional short note, e.g. <c>devices=250</c>) marks the request
    /// Approved; an error marks it Failed with the error's code and nothing must have been applied. An exception (an
    /// I/O fault) puts the request back to Pending so it can be approved again.
    /// </summary>
    Task<Result<string?>> OnApprovedAsync(ApprovalRequest request, CancellationToken cancellationToken);

    /// <summary>Learns that a request was rejected (e.g. to mark a batch rejected); nothing was applied.</summary>
    Task OnRejectedAsync(ApprovalRequest request, CancellationToken cancellationToken);
}
