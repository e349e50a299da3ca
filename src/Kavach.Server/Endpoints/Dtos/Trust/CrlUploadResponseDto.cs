namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Response of <c>uploadCRL</c>: what was stored and which domains it changed.</summary>
public sealed record CrlUploadResponseDto(
    string Status,
    string IssuedBy,
    string ThisUpdate,
    string? NextUpdate,
    int RevokedCertificates,
    IReadOnlyList<string> PartnerDomains,
    string Timestamp);
