namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Response of <c>uploadPartnerCertificate</c>: the p7b chain (base64url DER), the new id, the time.</summary>
public sealed record PartnerCertificateResponseDto(string SignedCertificateData, string CertificateId, string Timestamp);
