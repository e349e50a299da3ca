namespace Kavach.Keys.Audit;

/// <summary>The outcome values that are not error codes.</summary>
public static class AuditOutcomes
{
    /// <summary>The operation succeeded.</summary>
    public const string Success = "OK";

    /// <summary>A lifecycle operation is about to run (written before it, so a crash in between still leaves a trace).</summary>
    public const string Attempt = "ATTEMPT";

    /// <summary>An operation that wrote its <see cref="Attempt"/> ended by an unexpected fault (crash, cancellation) before its outcome.</summary>
    public const string Error = "ERROR";
}
