namespace Kavach.Server.Endpoints.Dtos;

/// <summary>One certificate of <c>getAllCertificates</c>.</summary>
public sealed record CertificateDataResponseDto(string CertificateData, string IssuedAt, string ExpiryAt, string? KeyId);
