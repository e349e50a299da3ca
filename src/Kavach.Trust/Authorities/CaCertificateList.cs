namespace Kavach.Trust.Authorities;

/// <summary>A page of <c>getCaCertificates</c>.</summary>
public sealed record CaCertificateList(int PageNumber, int PageSize, long TotalRecords, int TotalPages, IReadOnlyList<CaCertificateListItem> Certificates);
