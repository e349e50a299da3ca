using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Trust.Certificates;
using Kavach.Trust.Domains;
using Kavach.Trust.Errors;
using Kavach.Trust.Paths;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Authorities;

/// <summary><c>uploadCACertificate</c> (spec §6.2): roots and intermediates, one or a bundle, into a partner domain.</summary>
public sealed class CaCertificateUploadService
{
    private readonly ITrustRepository _repository;
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;
    private readonly TrustOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal CaCertificateUploadService(ITrustRepository repository, PartnerDomains domains, TrustPathService paths, TrustOptions options, TimeProvider time, ILogger logger)
    {
        _repository = repository;
        _domains = domains;
        _paths = paths;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Stores the certificate(s) of <paramref name="certificateData"/> in <paramref name="partnerDomain"/>. One
    /// certificate: its first failed check is the error. A bundle: certificates are taken roots first, failures are
    /// skipped and counted, and the status says whether all, some or none were stored.
    /// </summary>
    public async Task<Result<string>> UploadAsync(string? certificateData, string? partnerDomain, string uploadedBy, CancellationToken cancellationToken)
    {
        var certificates = CertificateInput.ParseBundle(certificateData, _options.MaxBundleCertificates);
        if (!certificates.IsSuccess)
        {
            return certificates.Error;
        }

        var domain = _domains.Validate(partnerDomain);
        if (!domain.IsSuccess)
        {
            return domain.Error;
        }

        return await UploadAllAsync(certificates.Value, domain.Value, uploadedBy, exempt: null, cancellationToken);
    }

    /// <summary>
    /// The trust store update of a partner upload (spec §6.3 step 9): the p7b chain goes in like a bundle upload.
    /// <paramref name="exempt"/>, the certificate we just issued, skips the minimum-validity rule: a one-year
    /// re-signed certificate never has twelve full months left by the time it is checked, so MOSIP silently drops it.
    /// </summary>
    internal Task<Result<string>> UploadChainAsync(IReadOnlyList<X509Certificate2> chain, string domain, string uploadedBy, X509Certificate2? exempt, CancellationToken cancellationToken) =>
        UploadAllAsync(chain.Reverse().ToList(), domain, uploadedBy, exempt, cancellationToken);

    private async Task<Result<string>> UploadAllAsync(IReadOnlyList<X509Certificate2> certificates, string domain, string uploadedBy, X509Certificate2? exempt, CancellationToken cancellationToken)
    {
        if (certificates.Count == 1)
        {
            var single = await UploadOneAsync(certificates[0], domain, uploadedBy, exempt, cancellationToken);
            if (single is not null)
            {
                return single;
            }

            return CaUploadStatus.Success;
        }

        // MOSIP overwrites its error flag on every certificate, so a bundle that ends well reports full success;
        // here every failure counts.
        int stored = 0, failed = 0;
        foreach (var certificate in BundleOrder.RootFirst(certificates))
        {
            if (await UploadOneAsync(certificate, domain, uploadedBy, exempt, cancellationToken) is null)
            {
                stored++;
            }
            else
            {
                failed++;
            }
        }

        return stored == 0 ? CaUploadStatus.Failed : failed == 0 ? CaUploadStatus.Success : CaUploadStatus.Partial;
    }

    /// <summary>Checks and stores one certificate; null on success, else the reason.</summary>
    private async Task<KavachError?> UploadOneAsync(X509Certificate2 certificate, string domain, string uploadedBy, X509Certificate2? exempt, CancellationToken cancellationToken)
    {
        var thumbprint = CertificateFacts.Thumbprint(certificate);
        var error = await CheckAsync(certificate, thumbprint, domain, exempt, cancellationToken);
        if (error is not null)
        {
            TrustLog.CaRejected(_logger, thumbprint, domain, error.Code, error.Message);
            return error;
        }

        var certId = Guid.NewGuid().ToString();
        string issuerId, type;
        if (CertificateFacts.IsSelfSigned(certificate))
        {
            (issuerId, type) = (certId, CaCertificateRecord.Root);
        }
        else
        {
            var path = await _paths.EvaluateAsync(certificate, domain, cancellationToken);
            if (!path.IsTrusted)
            {
                TrustLog.CaRejected(_logger, thumbprint, domain, TrustErrors.RootCaNotFound.Code, path.Reason ?? string.Empty);
                return TrustErrors.RootCaNotFound;
            }

            (issuerId, type) = (path.Issuer!.CertId, CaCertificateRecord.Intermediate);
        }

        var record = new CaCertificateRecord(
            certId,
            DistinguishedNames.Format(certificate.SubjectName),
            DistinguishedNames.Format(certificate.IssuerName),
            issuerId,
            CertificateFacts.NotBefore(certificate),
            CertificateFacts.NotAfter(certificate),
            Pem.Certificate(certificate),
            thumbprint,
            CertificateFacts.SerialNumber(certificate),
            domain,
            type,
            _time.GetUtcNow().UtcDateTime,
            uploadedBy);
        var inserted = await _repository.InsertCaCertificateAsync(record, cancellationToken);
        _paths.Invalidate(domain);
        if (!inserted)
        {
            // Another request (or replica) stored it between our check and our insert; the constraint decided.
            return TrustErrors.CertificateExists;
        }

        TrustLog.CaStored(_logger, certId, type, thumbprint, domain);
        return null;
    }

    /// <summary>The checks of spec §6.2, in MOSIP's order.</summary>
    private async Task<KavachError?> CheckAsync(X509Certificate2 certificate, string thumbprint, string domain, X509Certificate2? exempt, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (await _repository.CaCertificateExistsAsync(thumbprint, domain, cancellationToken))
        {
            return TrustErrors.CertificateExists;
        }

        if (CertificateFacts.NotBefore(certificate).Date > now.Date)
        {
            return TrustErrors.FutureDatedNotAllowed;
        }

        if (!CertificateFacts.IsTimeValid(certificate, now))
        {
            return TrustErrors.CertificateDatesNotValid;
        }

        var isExempt = exempt is not null && exempt.RawData.AsSpan().SequenceEqual(certificate.RawData);
        if (!isExempt && CertificateFacts.NotAfter(certificate) < now.AddMonths(_options.CaMinimumValidityMonths))
        {
            // The code stays MOSIP's; the message states the rule, so the operator knows what certificate would pass.
            var minimum = now.AddMonths(_options.CaMinimumValidityMonths);
            return TrustErrors.CaValidityTooShort with
            {
                Message = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{TrustErrors.CaValidityTooShort.Message} A CA certificate must remain valid for at least {_options.CaMinimumValidityMonths} months (until {minimum:yyyy-MM-dd}); this one ends {CertificateFacts.NotAfter(certificate):yyyy-MM-dd}."),
            };
        }

        return certificate.Version != 3 ? TrustErrors.InvalidCertificateVersion : null;
    }
}
