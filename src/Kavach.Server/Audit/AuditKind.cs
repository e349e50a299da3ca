namespace Kavach.Server.Audit;

/// <summary>Which requests of an endpoint the audit trail records.</summary>
public enum AuditKind
{
    /// <summary>Reads and public-key operations: recorded only when denied (or when a service reports a key event).</summary>
    None,

    /// <summary>Private-key use: one record with the outcome, written before the response leaves.</summary>
    KeyUse,

    /// <summary>Key lifecycle: an <c>ATTEMPT</c> record before the handler runs and one with the outcome after it.</summary>
    Lifecycle,
}
