using Kavach.Keys.Audit;

namespace Kavach.Server.Audit;

/// <summary>What the audit hooks know about the current request, on <c>HttpContext.Features</c>.</summary>
public sealed class RequestAuditState
{
    private RequestAuditState(AuditOperation operation) => Operation = operation;

    /// <summary>The endpoint's audit operation.</summary>
    public AuditOperation Operation { get; }

    /// <summary>The ambient scope services report into.</summary>
    public AuditScope Scope { get; } = new();

    /// <summary>The application id the request named.</summary>
    public string? AppId { get; set; }

    /// <summary>The reference id the request named.</summary>
    public string? RefId { get; set; }

    /// <summary>The key the request itself names (a ciphertext's thumbprint, a JWE's kid).</summary>
    public string? RequestKeyRef { get; set; }

    /// <summary>The key named by the response (a signature's kid).</summary>
    public string? ResponseKeyRef { get; set; }

    /// <summary>An identity value to hash before recording (never stored as is).</summary>
    public string? IdentityToHash { get; set; }

    /// <summary>The keyed hash of <see cref="IdentityToHash"/>.</summary>
    public string? Subject { get; set; }

    /// <summary>Request details (<c>name=value</c>, space-separated).</summary>
    public string? Detail { get; set; }

    /// <summary>The handler was about to run (the request was parsed and not refused earlier).</summary>
    public bool HandlerStarted { get; set; }

    /// <summary>The outcome was recorded (or the request is already failing closed).</summary>
    public bool Done { get; set; }

    /// <summary>The state of <paramref name="context"/>, created on first use.</summary>
    public static RequestAuditState Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var state = context.Features.Get<RequestAuditState>();
        if (state is null)
        {
            state = new RequestAuditState(AuditOperationCatalog.For(context));
            context.Features.Set(state);
        }

        return state;
    }
}
