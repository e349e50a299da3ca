namespace Kavach.Server.Endpoints.Dtos.Trust;

/// <summary>Request of <c>uploadCACertificate</c> (MOSIP's <c>CACertificateRequestDto</c>).</summary>
public sealed class CaCertificateRequestDto
{
    /// <summary>PEM certificate(s), or a PEM or base64url DER PKCS#7 bundle (required).</summary>
    public string? CertificateData { get; set; }

    /// <summary>The partner domain (required).</summary>
    public string? PartnerDomain { get; set; }
}
