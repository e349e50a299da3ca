namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Response of <c>getCertificateChain</c>: a PEM PKCS#7 bundle.</summary>
public sealed record CertificateChainResponseDto(string CertificatesTrustPath, string Timestamp);
