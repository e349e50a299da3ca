using System.Text;
using System.Text.Json;
using Kavach.Devices.Registry;
using Kavach.Keys.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kavach.Devices.Repository.Approvals;

/// <summary>
/// Four-eyes approval of whitelist imports, de-registrations, rollouts and L0 enrolments. One administrator requests,
/// a different one approves or rejects; the kind's <see cref="IApprovalHandler"/> acts on an approval exactly once
/// (the request is claimed in the database first). Every request, decision and refusal goes into the audit trail.
/// </summary>
public sealed class ApprovalService
{
    /// <summary>Largest payload kept with a request (UTF-8 bytes).</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>Longest subject.</summary>
    public const int MaxSubjectLength = 128;

    /// <summary>How long a request may stay Applying before another approval may take it over (its applier crashed).</summary>
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromMinutes(5);

    private static readonly JsonDocumentOptions PayloadOptions = new() { MaxDepth = 20 };

    private readonly IDeviceApprovalStore _store;
    private readonly Dictionary<ApprovalKind, IApprovalHandler> _handlers;
    private readonly IDeviceAudit _audit;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Composes the service; at most one handler per kind.</summary>
    public ApprovalService(IDeviceApprovalStore store, IEnumerable<IApprovalHandler> handlers, IDeviceAudit audit, TimeProvider time, ILogger<ApprovalService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _audit = audit;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _handlers = [];
        foreach (var handler in handlers)
        {
            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException($"Two approval handlers are registered for {handler.Kind}.");
            }
        }
    }

    /// <summary>
    /// Opens a request for <paramref name="kind"/> on <paramref name="subject"/> with the kind's arguments in
    /// <paramref name="payloadJson"/>, asked by <paramref name="principal"/>. Refused when no handler acts on the kind,
    /// or when an open request of the kind already names the subject.
    /// </summary>
    public async Task<Result<ApprovalRequest>> RequestAsync(ApprovalKind kind, string subject, string payloadJson, string principal, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("kind");
        }

        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        if (RepositoryInput.Text(subject, "subject", MaxSubjectLength) is { } badSubject)
        {
            return badSubject;
        }

        if (!IsJson(payloadJson))
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("payload");
        }

        if (!_handlers.ContainsKey(kind))
        {
            return DeviceRepositoryErrors.ApprovalKindNotHandled;
        }

        var now = Now();
        var request = new ApprovalRequest(Guid.NewGuid().ToString(), kind, subject, payloadJson, principal, now, ApprovalState.Pending, null, null, null);
        if (!await _store.TryInsertApprovalAsync(request, cancellationToken))
        {
            await AuditAsync(now, "device.approval.request", principal, DeviceRepositoryErrors.ApprovalAlreadyPending.Code, subject, $"kind={kind}", cancellationToken);
            return DeviceRepositoryErrors.ApprovalAlreadyPending;
        }

        await AuditAsync(now, "device.approval.request", principal, DeviceAuditEvent.Success, request.Id, $"kind={kind} subject={subject}", cancellationToken);
        RepositoryLog.ApprovalRequested(_logger, request.Id, kind.ToString(), subject);
        return request;
    }

    /// <summary>The request with this id.</summary>
    public async Task<Result<ApprovalRequest>> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (RepositoryInput.Text(id, "id", 64) is { } bad)
        {
            return bad;
        }

        return await _store.GetApprovalAsync(id, cancellationToken) is { } request ? request : DeviceRepositoryErrors.ApprovalNotFound;
    }

    /// <summary>Requests, newest first, optionally filtered.</summary>
    public async Task<Result<IReadOnlyList<ApprovalRequest>>> ListAsync(ApprovalState? state, ApprovalKind? kind, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return DeviceRepositoryErrors.InvalidRequest.Format("limit");
        }

        return (await _store.ListApprovalsAsync(state, kind, limit, cancellationToken)).ToList();
    }

    /// <summary>
    /// Approves request <paramref name="id"/> as <paramref name="principal"/>, who must not be its requester, and has
    /// the kind's handler act on it (once). Approving again as the same administrator returns the decided request.
    /// </summary>
    public async Task<Result<ApprovalRequest>> ApproveAsync(string id, string principal, CancellationToken cancellationToken)
    {
        var found = await FindForDecisionAsync(id, principal, "device.approval.approve", cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var request = found.Value;
        var now = Now();
        var claimed = request.State switch
        {
            ApprovalState.Pending => await _store.TryMoveApprovalAsync(request.Id, ApprovalState.Pending, ApprovalState.Applying, principal, now, null, null, cancellationToken),
            ApprovalState.Applying when request.DecidedAt < now - ApplyTimeout =>
                await _store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, ApprovalState.Applying, principal, now, null, now - ApplyTimeout, cancellationToken),
            _ => false,
        };

        if (!claimed)
        {
            // Decided before, or by a racing approver: this approver's own approval is answered again, anything else is refused.
            var current = await _store.GetApprovalAsync(request.Id, cancellationToken) ?? request;
            if (current.State == ApprovalState.Approved && current.DecidedBy is { } by && RepositoryInput.SamePrincipal(by, principal))
            {
                return current;
            }

            return await RefuseAsync(current.Id, principal, "device.approval.approve", DeviceRepositoryErrors.ApprovalAlreadyDecided, cancellationToken);
        }

        var applying = request with { State = ApprovalState.Applying, DecidedBy = principal, DecidedAt = now };
        Result<string?> outcome;
        try
        {
            outcome = await _handlers[request.Kind].OnApprovedAsync(applying, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            RepositoryLog.ApprovalHandlerFaulted(_logger, exception, request.Id, request.Kind.ToString());
            await _store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, ApprovalState.Pending, null, null, null, null, CancellationToken.None);
            throw;
        }

        var state = outcome.IsSuccess ? ApprovalState.Approved : ApprovalState.Failed;
        var note = outcome.IsSuccess ? outcome.Value : outcome.Error.Code;
        var decided = Now();
        await _store.TryMoveApprovalAsync(request.Id, ApprovalState.Applying, state, principal, decided, note, null, cancellationToken);
        await AuditAsync(decided, "device.approval.approve", principal, outcome.IsSuccess ? DeviceAuditEvent.Success : outcome.Error.Code, request.Id, $"kind={request.Kind} subject={request.Subject}", cancellationToken);
        RepositoryLog.ApprovalDecided(_logger, request.Id, request.Kind.ToString(), state.ToString(), note);
        return outcome.IsSuccess ? applying with { State = state, DecidedAt = decided, Outcome = note } : outcome.Error;
    }

    /// <summary>
    /// Rejects request <paramref name="id"/> as <paramref name="principal"/>, who must not be its requester; nothing is
    /// applied. Rejecting again as the same administrator returns the decided request.
    /// </summary>
    public async Task<Result<ApprovalRequest>> RejectAsync(string id, string principal, string? reason, CancellationToken cancellationToken)
    {
        if (reason is not null && RepositoryInput.Text(reason, "reason", 200) is { } badReason)
        {
            return badReason;
        }

        var found = await FindForDecisionAsync(id, principal, "device.approval.reject", cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var request = found.Value;
        var now = Now();
        if (request.State != ApprovalState.Pending ||
            !await _store.TryMoveApprovalAsync(request.Id, ApprovalState.Pending, ApprovalState.Rejected, principal, now, reason, null, cancellationToken))
        {
            var current = await _store.GetApprovalAsync(request.Id, cancellationToken) ?? request;
            if (current.State == ApprovalState.Rejected && current.DecidedBy is { } by && RepositoryInput.SamePrincipal(by, principal))
            {
                return current;
            }

            return await RefuseAsync(current.Id, principal, "device.approval.reject", DeviceRepositoryErrors.ApprovalAlreadyDecided, cancellationToken);
        }

        var rejected = request with { State = ApprovalState.Rejected, DecidedBy = principal, DecidedAt = now, Outcome = reason };
        await AuditAsync(now, "device.approval.reject", principal, DeviceAuditEvent.Success, request.Id, $"kind={request.Kind} subject={request.Subject}", cancellationToken);
        RepositoryLog.ApprovalDecided(_logger, request.Id, request.Kind.ToString(), nameof(ApprovalState.Rejected), null);
        if (_handlers.TryGetValue(request.Kind, out var handler))
        {
            await handler.OnRejectedAsync(rejected, cancellationToken);
        }

        return rejected;
    }

    private static bool IsJson(string? payload)
    {
        if (payload is null || Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload, PayloadOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The request, after the checks every decision makes: valid input, it exists, the decider is not the requester.</summary>
    private async Task<Result<ApprovalRequest>> FindForDecisionAsync(string id, string principal, string operation, CancellationToken cancellationToken)
    {
        if (RepositoryInput.Principal(principal) is { } badPrincipal)
        {
            return badPrincipal;
        }

        var found = await GetAsync(id, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        if (RepositoryInput.SamePrincipal(found.Value.RequestedBy, principal))
        {
            return await RefuseAsync(found.Value.Id, principal, operation, DeviceRepositoryErrors.ApprovalBySameAdministrator, cancellationToken);
        }

        return found.Value;
    }

    private async Task<KavachError> RefuseAsync(string id, string principal, string operation, KavachError error, CancellationToken cancellationToken)
    {
        await AuditAsync(Now(), operation, principal, error.Code, id, null, cancellationToken);
        RepositoryLog.ApprovalRefused(_logger, id, error.Code);
        return error;
    }

    private ValueTask AuditAsync(DateTimeOffset time, string operation, string actor, string outcome, string? subject, string? detail, CancellationToken cancellationToken) =>
        _audit.RecordAsync(new DeviceAuditEvent(time, operation, actor, outcome, subject, detail), cancellationToken);

    private DateTimeOffset Now() => _time.GetUtcNow();
}
