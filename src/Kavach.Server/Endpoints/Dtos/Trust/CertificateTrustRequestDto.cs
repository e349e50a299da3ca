namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Request of <c>verifyCertificateTrust</c>.</summary>
public sealed class CertificateTrustRequestDto
{
    /// <summary>The PEM certificate to check (required).</summary>
    public string? CertificateData { get; set; }

    /// <summary>The partner domain (required).</summary>
    public string? PartnerDomain { get; set; }
}
