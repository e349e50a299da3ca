namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Response of <c>getCACertificateTrustPath/{caCertId}</c>: a PEM <c>PKCS7</c> block.</summary>
public sealed record CaCertificateTrustPathResponseDto(string P7bFile, string Timestamp);
