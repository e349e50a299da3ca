using Kavach.Keys.Errors;
using Kavach.Trust.Certificates;
using Kavach.Trust.Domains;
using Kavach.Trust.Errors;

namespace Kavach.Trust.Paths;

/// <summary><c>verifyCertificateTrust</c> (spec §6.5): is there a trust path for a PEM certificate in a domain now.</summary>
public sealed class TrustVerificationService
{
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;

    internal TrustVerificationService(PartnerDomains domains, TrustPathService paths)
    {
        _domains = domains;
        _paths = paths;
    }

    /// <summary>The check's outcome; KER-PCM-001 (blank), KER-KMS-013 (not a PEM certificate), KER-PCM-011 (domain).</summary>
    public async Task<Result<TrustEvaluation>> VerifyAsync(string? certificateData, string? partnerDomain, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(certificateData))
        {
            return TrustErrors.InvalidCertificate;
        }

        var certificate = CertificateInput.ParseCertificate(certificateData);
        if (!certificate.IsSuccess)
        {
            return certificate.Error;
        }

        var domain = _domains.Validate(partnerDomain);
        if (!domain.IsSuccess)
        {
            return domain.Error;
        }

        return await _paths.EvaluateAsync(certificate.Value, domain.Value, cancellationToken);
    }
}
