namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Request of <c>uploadPartnerCertificate</c>.</summary>
public sealed class PartnerCertificateRequestDto
{
    /// <summary>The partner's PEM certificate (required).</summary>
    public string? CertificateData { get; set; }

    /// <summary>Must equal the certificate's O exactly (required).</summary>
    public string? OrganizationName { get; set; }

    /// <summary>The partner domain (required).</summary>
    public string? PartnerDomain { get; set; }
}
