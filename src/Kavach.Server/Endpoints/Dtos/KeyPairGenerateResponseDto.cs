namespace Kavach.Server.Endpoints.Dtos;

/// <summary>A certificate or a CSR with its validity.</summary>
public sealed record KeyPairGenerateResponseDto(string? Certificate, string? CertSignRequest, string IssuedAt, string ExpiryAt, string Timestamp);
