namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>getAllCertificates</c>.</summary>
public sealed record AllCertificatesDataResponseDto(IReadOnlyList<CertificateDataResponseDto> AllCertificates);
