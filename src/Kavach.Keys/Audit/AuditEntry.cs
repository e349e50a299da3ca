namespace Kavach.Keys.Audit;

/// <summary>
/// One audit event as the caller describes it, before it is sealed into the chain. It never holds a UIN, plaintext,
/// key, PIN or token: identities go in <see cref="Subject"/> only as keyed hashes.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>When the event happened (UTC; stored with microsecond precision).</summary>
    public required DateTime Time { get; init; }

    /// <summary>The request id (ASP.NET's <c>TraceIdentifier</c>), or null for events outside a request.</summary>
    public string? RequestId { get; init; }

    /// <summary>Who: the authenticated user or partner name; null when unauthenticated.</summary>
    public string? Actor { get; init; }

    /// <summary>How the actor was authenticated (e.g. <c>AdminToken</c>, <c>Bearer</c>, <c>Certificate</c>).</summary>
    public string? AuthMethod { get; init; }

    /// <summary>The client's network address.</summary>
    public string? Client { get; init; }

    /// <summary>What: a stable operation name such as <c>key.revoke</c> or <c>crypto.decrypt</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The application id the request named.</summary>
    public string? AppId { get; init; }

    /// <summary>The reference id the request named.</summary>
    public string? RefId { get; init; }

    /// <summary>Which key: <c>alias:&lt;id&gt;</c>, <c>thumbprint:&lt;HEX&gt;</c> or <c>kid:&lt;kid&gt;</c>.</summary>
    public string? KeyRef { get; init; }

    /// <summary>A keyed hash of an identity the request was about (see <see cref="AuditSecrets"/>).</summary>
    public string? Subject { get; init; }

    /// <summary>The outcome: <see cref="AuditOutcomes.Success"/>, <see cref="AuditOutcomes.Attempt"/> or an error code.</summary>
    public required string Outcome { get; init; }

    /// <summary>The HTTP status of the response, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>Short non-secret details (<c>name=value</c> pairs separated by spaces).</summary>
    public string? Detail { get; init; }
}
