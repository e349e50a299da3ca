using Kavach.Hosting.Web.Authentication;
using Kavach.Keys.Audit;
using Kavach.Keys.Errors;
using Kavach.Hosting.Configuration;
using Kavach.Server.Http;
using Kavach.Server.Security;
using Microsoft.Extensions.Options;
using Kavach.Hosting.Startup;

namespace Kavach.Server.Audit;

/// <summary>
/// The two audit hooks of the MOSIP envelope layer. <see cref="BeforeHandlerAsync"/> runs after a request parsed, before
/// its handler (from <see cref="RequestAuditFilter"/>): it enters the ambient <see cref="AuditScope"/>, reads ids from the typed request, hashes identities, and
/// for lifecycle endpoints appends an <c>ATTEMPT</c> record (no record, no operation). <see cref="BeforeResponseAsync"/>
/// runs before any envelope is written (success, error, 401/403 from the security middleware, faults): it appends the
/// outcome record when the endpoint is audited or the request was denied. If an append fails the request fails closed:
/// HTTP 503, and the handler's result (plaintext, signature) never leaves.
/// </summary>
public static class RequestAudit
{
    /// <summary>The error a request gets when its audit record cannot be written.</summary>
    public static readonly KavachError Unavailable = new("KER-KMS-500", "Audit trail unavailable; retry later");

    /// <summary>Called before the handler; the caller runs the handler in the same asynchronous flow, so the ambient scope reaches it.</summary>
    public static ValueTask<bool> BeforeHandlerAsync(HttpContext context, object? request)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = RequestAuditState.Of(context);
        AuditScope.Enter(state.Scope);
        state.HandlerStarted = true;
        if (!Options(context).Enabled)
        {
            return ValueTask.FromResult(true);
        }

        RequestDescriber.Describe(context, request, state);

        // Before readiness the handler answers 503 "not ready" by itself, and no key can be touched.
        return (state.Operation.Kind == AuditKind.Lifecycle || state.IdentityToHash is not null) &&
               context.RequestServices.GetRequiredService<KavachReadiness>().IsReady
            ? BeforeHandlerSlowAsync(context, state)
            : ValueTask.FromResult(true);
    }

    /// <summary>
    /// Called before an envelope is written, with its errors and response. Returns false when the outcome could not be
    /// recorded: the status is then 503 and the caller must write <see cref="Unavailable"/> instead of the envelope.
    /// </summary>
    public static ValueTask<bool> BeforeResponseAsync(HttpContext context, IReadOnlyList<ServiceError>? errors, object? response)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = RequestAuditState.Of(context);
        if (state.Done || !Options(context).Enabled)
        {
            return ValueTask.FromResult(true);
        }

        state.Done = true;
        var status = context.Response.StatusCode;
        var denied = IsDenied(context, status, errors);
        var recordRequest = denied || (state.HandlerStarted && state.Operation.Kind != AuditKind.None) || state.Scope.HasLifecycleEvent;

        // A key made inside any request (a base key on first encrypt, an implicit rotation) gets its own record even
        // when the request itself is not one that is recorded.
        if (!recordRequest && state.Scope.GeneratedKeys.Count == 0)
        {
            return ValueTask.FromResult(true);
        }

        if (!context.RequestServices.GetRequiredService<KavachReadiness>().IsReady)
        {
            // Before readiness no key can have been used; the answer is already a refusal or 503. The log is the
            // only channel left for a denial that arrives before the database and vault are open.
            AuditLog.NotReady(Logger(context), state.Operation.Name, context.TraceIdentifier, status);
            return ValueTask.FromResult(true);
        }

        if (errors is null or { Count: 0 })
        {
            state.ResponseKeyRef = RequestDescriber.ResponseKeyRef(response);
        }

        var outcome = errors is { Count: > 0 } ? errors[0].ErrorCode : status >= 400 ? $"HTTP-{status}" : AuditOutcomes.Success;
        return RecordAsync(context, state, outcome, status, recordRequest);
    }

    private static async ValueTask<bool> BeforeHandlerSlowAsync(HttpContext context, RequestAuditState state)
    {
        try
        {
            var trail = Trail(context);
            if (state.IdentityToHash is { } identity)
            {
                state.Subject = await trail.Secrets.HashIdentityAsync("zk-id", identity, context.RequestAborted);
                state.IdentityToHash = null;
            }

            if (state.Operation.Kind == AuditKind.Lifecycle)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await trail.AppendAsync(Entry(context, state, AuditOutcomes.Attempt, null), context.RequestAborted);
                Metrics(context)?.RecordAuditWrite(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            }

            return true;
        }
        catch (Exception e) when (IsAuditFailure(context, e))
        {
            Fail(context, state, e);
            return false;
        }
    }

    private static async ValueTask<bool> RecordAsync(HttpContext context, RequestAuditState state, string outcome, int status, bool recordRequest)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var entry = Entry(context, state, outcome, status);
            var generated = state.Scope.GeneratedKeyEntries(entry);
            if (generated.Count == 0)
            {
                await Trail(context).AppendAsync(entry, context.RequestAborted);
            }
            else
            {
                // The generations happened before the outcome: they come first in the chain.
                await Trail(context).AppendAllAsync(recordRequest ? [.. generated, entry] : generated, context.RequestAborted);
            }

            Metrics(context)?.RecordAuditWrite(System.Diagnostics.Stopwatch.GetElapsedTime(started));

            return true;
        }
        catch (Exception e) when (IsAuditFailure(context, e))
        {
            Fail(context, state, e);
            return false;
        }
    }

    private static AuditEntry Entry(HttpContext context, RequestAuditState state, string outcome, int? status)
    {
        var user = context.User;
        var authenticated = user.Identity?.IsAuthenticated == true;
        var decision = context.Features.Get<AccessDecisionFeature>();
        var detail = string.Join(' ', new[]
        {
            state.Detail,
            state.Scope.Detail,
            authenticated ? Claim(user, KavachClaimTypes.Issuer, "iss") : null,
            authenticated ? Claim(user, KavachClaimTypes.PartnerDomain, "partner_domain") : null,
            decision?.Rule is { } rule ? "rule=" + rule : null,
            decision?.Reason is { } reason && status is >= 400 ? "reason=" + reason.Replace(' ', '_') : null,
            ReasonHeader.Pair(context.Request),
        }.Where(part => !string.IsNullOrEmpty(part)));
        return new AuditEntry
        {
            Time = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            RequestId = context.TraceIdentifier,
            Actor = authenticated ? user.Identity!.Name : null,
            AuthMethod = authenticated ? user.Identity!.AuthenticationType : null,
            Client = context.Connection.RemoteIpAddress?.ToString(),
            Operation = state.Operation.Name,
            AppId = state.AppId,
            RefId = state.RefId,
            KeyRef = state.Scope.KeyRef ?? state.ResponseKeyRef ?? state.RequestKeyRef,
            Subject = state.Subject,
            Outcome = outcome,
            HttpStatus = status,
            Detail = detail.Length == 0 ? null : detail,
        };
    }

    private static string? Claim(System.Security.Claims.ClaimsPrincipal user, string type, string name) =>
        user.FindFirst(type)?.Value is { Length: > 0 } value ? name + "=" + value : null;

    private static bool IsDenied(HttpContext context, int status, IReadOnlyList<ServiceError>? errors)
    {
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            return true;
        }

        if (context.Features.Get<AccessDecisionFeature>()?.Decision is AccessDecision.Unauthenticated or AccessDecision.Forbidden)
        {
            return true;
        }

        var denied = Options(context).DeniedErrorCodes;
        return errors is not null && errors.Any(e => denied.Contains(e.ErrorCode, StringComparer.Ordinal));
    }

    private static bool IsAuditFailure(HttpContext context, Exception exception) =>
        exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested;

    private static void Fail(HttpContext context, RequestAuditState state, Exception exception)
    {
        state.Done = true;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        AuditLog.AppendFailed(Logger(context), state.Operation.Name, context.TraceIdentifier, exception.GetType().Name, exception);
    }

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestAudit));

    private static Observability.KavachMetrics? Metrics(HttpContext context) => context.RequestServices.GetService<Observability.KavachMetrics>();

    private static AuditTrail Trail(HttpContext context) => context.RequestServices.GetRequiredService<AuditTrail>();

    private static AuditOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<KavachOptions>>().Value.Audit;
}
