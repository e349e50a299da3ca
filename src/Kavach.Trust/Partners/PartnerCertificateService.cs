using System.Security.Cryptography.X509Certificates;
using Kavach.Crypto;
using Kavach.Keys.Access;
using Kavach.Keys.Certificates;
using Kavach.Keys.Errors;
using Kavach.Keys.Hierarchy;
using Kavach.Keys.Management;
using Kavach.Keys.Signatures;
using Kavach.Trust.Authorities;
using Kavach.Trust.Certificates;
using Kavach.Trust.Domains;
using Kavach.Trust.Errors;
using Kavach.Trust.Paths;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Partners;

/// <summary>
/// <c>uploadPartnerCertificate</c> (spec §6.3) and the two partner downloads (§6.4): the partner's certificate is
/// checked, re-signed by our PMS key, stored with its re-signed form, and the resulting chain is added to the domain.
/// </summary>
public sealed class PartnerCertificateService
{
    private readonly ITrustRepository _repository;
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;
    private readonly CaCertificateUploadService _caUploads;
    private readonly KeyRing _ring;
    private readonly CertificateService _certificates;
    private readonly KeyAccessPolicy _access;
    private readonly PartnerResigner _resigner;
    private readonly TrustOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal PartnerCertificateService(
        ITrustRepository repository,
        PartnerDomains domains,
        TrustPathService paths,
        CaCertificateUploadService caUploads,
        TrustDependencies keys,
        PartnerResigner resigner,
        TrustOptions options,
        TimeProvider time,
        ILogger logger)
    {
        _repository = repository;
        _domains = domains;
        _paths = paths;
        _caUploads = caUploads;
        _ring = keys.Ring;
        _certificates = keys.Certificates;
        _access = keys.Access;
        _resigner = resigner;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Checks, re-signs and stores a partner certificate. <paramref name="userName"/> must have access to the PMS key
    /// (<c>key_policy_def.access_allowed</c>), else KER-PCM-016. Uploading the same certificate again is a renewal.
    /// </summary>
    public async Task<Result<PartnerUploadResult>> UploadAsync(string? certificateData, string? organizationName, string? partnerDomain, string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(certificateData))
        {
            return TrustErrors.InvalidCertificate;
        }

        var parsed = CertificateInput.ParseCertificate(certificateData);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        var partner = parsed.Value;
        var thumbprint = CertificateFacts.Thumbprint(partner);
        var domain = _domains.Validate(partnerDomain);
        if (!domain.IsSuccess)
        {
            return domain.Error;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        var error = PartnerChecks.Basic(partner, now, _options);
        if (error is not null)
        {
            return error;
        }

        var path = await _paths.EvaluateAsync(partner, domain.Value, cancellationToken);
        if (!path.IsTrusted)
        {
            return TrustErrors.RootIntermediateCaNotFound;
        }

        error = PartnerChecks.Further(partner, organizationName);
        if (error is not null)
        {
            return error;
        }

        var root = await _ring.GetCurrentAsync(KeyIds.Root, string.Empty, cancellationToken);
        if (!root.IsSuccess)
        {
            return root.Error;
        }

        // The PMS module key issues the re-signed certificate; it is an issuing key and never reaches data signing.
        var pms = await _ring.GetCurrentAsync(_options.SignApplicationId, string.Empty, cancellationToken);
        if (!pms.IsSuccess)
        {
            return pms.Error;
        }

        if (!await _access.HasAccessAsync(_options.SignApplicationId, userName, cancellationToken))
        {
            return TrustErrors.SignCertificateNotAllowed;
        }

        var resigned = _resigner.Resign(partner, pms.Value, domain.Value, now, _options.PartnerCertificateValidityYears);
        var certId = Guid.NewGuid().ToString();
        await _repository.InsertPartnerCertificateAsync(
            new PartnerCertificateRecord(
                certId,
                DistinguishedNames.Format(partner.SubjectName),
                DistinguishedNames.Format(partner.IssuerName),
                path.Issuer!.CertId,
                CertificateFacts.NotBefore(partner),
                CertificateFacts.NotAfter(partner),
                domain.Value,
                Pem.Certificate(partner),
                Pem.Certificate(resigned),
                string.Empty,
                organizationName!,
                thumbprint,
                CertificateFacts.SerialNumber(partner),
                now,
                userName ?? "SYSTEM"),
            cancellationToken);

        var chain = domain.Value == "FTM" && !_options.ResignFtmDomainCertificates
            ? path.Path
            : await OurChainAsync(resigned, pms.Value.Certificate, root.Value.Certificate, cancellationToken);
        var p7b = Base64Url.Encode(CertsOnlyPkcs7.Encode(chain));

        // Step 9: MOSIP's re-upload of the chain into the domain; its outcome is only reported, never an error.
        var update = await _caUploads.UploadChainAsync(chain, domain.Value, userName ?? "SYSTEM", exempt: resigned, cancellationToken);
        var status = update.IsSuccess ? update.Value : $"{update.Error.Code} {update.Error.Message}";
        TrustLog.PartnerStored(_logger, certId, thumbprint, domain.Value, status);
        return new PartnerUploadResult(certId, p7b, status);
    }

    /// <summary><c>getPartnerCertificate/{id}</c>: the re-signed PEM. KER-PCM-010 blank id, KER-PCM-012 unknown.</summary>
    public async Task<Result<PartnerCertificateRecord>> GetAsync(string? partnerCertId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(partnerCertId))
        {
            return TrustErrors.InvalidCertificateId;
        }

        var record = await _repository.GetPartnerCertificateAsync(partnerCertId.Trim(), cancellationToken);
        if (record is null)
        {
            return TrustErrors.PartnerCertificateNotFound;
        }

        return record;
    }

    /// <summary>[re-signed, PMS, ..., ROOT]: the PMS certificate's own path up to our ROOT (it may be an earlier ROOT after a rotation).</summary>
    private async Task<IReadOnlyList<X509Certificate2>> OurChainAsync(X509Certificate2 resigned, X509Certificate2 pms, X509Certificate2 root, CancellationToken cancellationToken)
    {
        var pmsPath = await _certificates.BuildPathAsync(pms, cancellationToken);
        return pmsPath.Count > 0 ? [resigned, .. pmsPath] : [resigned, pms, root];
    }
}
