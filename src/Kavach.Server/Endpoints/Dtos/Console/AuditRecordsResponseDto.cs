namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /audit/records</c>: records by ascending seq; <see cref="Next"/> is the <c>afterSeq</c> of the next page, null on the last.</summary>
public sealed record AuditRecordsResponseDto(IReadOnlyList<AuditRecordDto> Records, long? Next);
