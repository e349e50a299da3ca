namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>One CA certificate of <c>getCaCertificates</c>; <c>status</c> is true while now lies inside its validity.</summary>
public sealed record CaCertTypeListResponseDto(
    string CaCertificateType,
    string PartnerDomain,
    string CertId,
    string IssuedTo,
    string IssuedBy,
    string CertThumbprint,
    string ValidFromDate,
    string ValidTillDate,
    string UploadTime,
    bool Status);
