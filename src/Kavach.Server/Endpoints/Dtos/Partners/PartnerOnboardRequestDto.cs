namespace Kavach.Server.Endpoints.Dtos.Partners;

/// <summary>Request of <c>POST /partners/onboard</c>: the partner's CA, its signature and encryption certificates, its TLS CSR.</summary>
public sealed class PartnerOnboardRequestDto
{
    /// <summary>The partner id: 1–64 letters, digits, '.', '_', '-' (required).</summary>
    public string? PartnerId { get; set; }

    /// <summary>The organisation: must equal the O of both certificates (required).</summary>
    public string? OrganizationName { get; set; }

    /// <summary>The trust-store domain (default <c>AUTH</c>).</summary>
    public string? PartnerDomain { get; set; }

    /// <summary>The partner's CA chain, PEM (required).</summary>
    public string? CaCertificate { get; set; }

    /// <summary>The partner's signature certificate, PEM (required).</summary>
    public string? SigningCertificate { get; set; }

    /// <summary>The partner's encryption certificate, PEM (required).</summary>
    public string? EncryptionCertificate { get; set; }

    /// <summary>The partner's TLS certificate signing request, PEM or base64 DER (required).</summary>
    public string? TlsCsr { get; set; }

    /// <summary>Our application the partner talks to (default <c>IDA</c>).</summary>
    public string? ApplicationId { get; set; }
}
