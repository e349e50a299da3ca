namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Response of <c>getPartnerSignedCertificate/{id}</c>: the partner's original and our re-signed PEM.</summary>
public sealed record PartnerSignedCertDownloadResponseDto(string CaSignedCertificateData, string MosipSignedCertificateData, string Timestamp);
