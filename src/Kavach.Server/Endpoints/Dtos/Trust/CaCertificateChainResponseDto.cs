namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Response of <c>getCaCertificates</c>: one page and the totals.</summary>
public sealed record CaCertificateChainResponseDto(
    int PageNumber,
    int PageSize,
    long TotalRecords,
    int TotalPages,
    IReadOnlyList<CaCertTypeListResponseDto> AllPartnerCertificates);
