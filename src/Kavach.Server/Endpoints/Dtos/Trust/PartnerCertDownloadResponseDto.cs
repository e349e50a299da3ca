namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Response of <c>getPartnerCertificate/{id}</c>: the re-signed PEM (MOSIP's <c>PartnerCertDownloadResponeDto</c>).</summary>
public sealed record PartnerCertDownloadResponseDto(string CertificateData, string Timestamp);
