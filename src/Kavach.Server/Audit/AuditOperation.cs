namespace Kavach.Server.Audit;

/// <summary>The audit name and kind of an endpoint.</summary>
/// <param name="Name">A stable operation name (<c>key.revoke</c>, <c>crypto.decrypt</c>, …).</param>
/// <param name="Kind">Which of its requests are recorded.</param>
public sealed record AuditOperation(string Name, AuditKind Kind);
