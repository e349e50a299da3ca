namespace Kavach.Storage.Audit;

/// <summary>A search of the audit trail; every filter is optional and they combine with AND.</summary>
/// <param name="From">Records at or after this instant (UTC).</param>
/// <param name="To">Records before this instant (UTC).</param>
/// <param name="Actor">Only this actor.</param>
/// <param name="Operation">Only this operation (e.g. <c>crypto.decrypt</c>).</param>
/// <param name="AppId">Only this application id.</param>
/// <param name="Outcome">Only this outcome (<c>OK</c>, <c>ATTEMPT</c>, an error code).</param>
/// <param name="AfterSeq">Records after this seq (the keyset cursor; 0 for the first page).</param>
/// <param name="Limit">Records per page.</param>
public sealed record AuditRecordQuery(
    DateTime? From,
    DateTime? To,
    string? Actor,
    string? Operation,
    string? AppId,
    string? Outcome,
    long AfterSeq,
    int Limit);
