namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>One audit record (the subject hash and chain links are in <c>/audit/export</c>).</summary>
public sealed record AuditRecordDto(
    long Seq,
    string Time,
    string? RequestId,
    string? Actor,
    string? AuthMethod,
    string? Client,
    string Operation,
    string? ApplicationId,
    string? ReferenceId,
    string? KeyRef,
    string Outcome,
    int? HttpStatus,
    string? Detail,
    string Hash);
