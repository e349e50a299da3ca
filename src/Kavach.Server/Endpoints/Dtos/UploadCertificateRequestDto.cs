namespace Kavach.Server.Endpoints.Dtos;

/// <summary>Request of <c>uploadCertificate</c> and <c>uploadOtherDomainCertificate</c>.</summary>
public sealed class UploadCertificateRequestDto
{
    /// <summary>Application id (required).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Reference id.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>The PEM certificate (required).</summary>
    public string? CertificateData { get; set; }
}
