namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary><c>GET /trust/certificates</c>.</summary>
public sealed record TrustCertificatesResponseDto(IReadOnlyList<TrustCertificateDto> Certificates);
