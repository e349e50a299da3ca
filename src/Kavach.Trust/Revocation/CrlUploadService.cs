using Kavach.Keys.Errors;
using Kavach.Trust.Certificates;
using Kavach.Trust.Domains;
using Kavach.Trust.Errors;
using Kavach.Trust.Paths;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Revocation;

/// <summary>
/// Kavach's <c>uploadCRL</c> (MOSIP never checks revocation): stores a CA's CRL after checking it is signed by a CA of
/// the trust store, so that what it lists stops validating at once in every domain that trusts that CA.
/// </summary>
public sealed class CrlUploadService
{
    private readonly ITrustRepository _repository;
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal CrlUploadService(ITrustRepository repository, PartnerDomains domains, TrustPathService paths, TimeProvider time, ILogger logger)
    {
        _repository = repository;
        _domains = domains;
        _paths = paths;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Stores <paramref name="crlData"/> (PEM or base64 DER). With <paramref name="partnerDomain"/> the issuer must be a
    /// CA of that domain; without, of any domain. KER-PCM-101 unreadable, -102 unknown issuer, -103 bad signature,
    /// -104 older than the stored CRL, -105 unsupported (delta) CRL, KER-PCM-011 bad domain.
    /// </summary>
    public async Task<Result<CrlUploadResult>> UploadAsync(string? crlData, string? partnerDomain, string uploadedBy, CancellationToken cancellationToken)
    {
        var crl = CrlParser.ParseText(crlData);
        if (!crl.IsSuccess)
        {
            return crl.Error;
        }

        string? domain = null;
        if (!string.IsNullOrWhiteSpace(partnerDomain))
        {
            var validated = _domains.Validate(partnerDomain);
            if (!validated.IsSuccess)
            {
                return validated.Error;
            }

            domain = validated.Value;
        }

        var issuerName = DistinguishedNames.Format(crl.Value.Issuer);
        var candidates = await _repository.FindCaCertificatesBySubjectAsync(issuerName, cancellationToken);
        if (!candidates.Any(r => domain is null || r.PartnerDomain == domain))
        {
            return TrustErrors.CrlIssuerNotFound;
        }

        var signers = new List<(CaCertificateRecord Row, string KeyHash)>();
        foreach (var row in candidates)
        {
            var certificate = CertificateInput.ParseCertificate(row.CertificatePem);
            if (certificate.IsSuccess &&
                certificate.Value.SubjectName.RawData.AsSpan().SequenceEqual(crl.Value.Issuer.RawData) &&
                SignedStructure.IsSignedBy(crl.Value.Der, certificate.Value.PublicKey))
            {
                signers.Add((row, CertificateFacts.KeyHash(certificate.Value)));
            }
        }

        var signer = signers.FirstOrDefault(s => domain is null || s.Row.PartnerDomain == domain);
        if (signer.Row is null)
        {
            return TrustErrors.CrlSignatureNotValid;
        }

        // One CRL per CA key: it applies in every domain that trusts that key, so all of them change.
        var keyHash = signer.KeyHash;
        var domains = signers.Where(s => s.KeyHash == keyHash).Select(s => s.Row.PartnerDomain).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var record = new CrlRecord(
            Guid.NewGuid().ToString(),
            keyHash,
            issuerName,
            signer.Row.CertId,
            crl.Value.CrlNumber,
            crl.Value.ThisUpdate,
            crl.Value.NextUpdate,
            crl.Value.RevokedSerials.Count,
            new string(System.Security.Cryptography.PemEncoding.Write("X509 CRL", crl.Value.Der)),
            _time.GetUtcNow().UtcDateTime,
            uploadedBy);
        var stored = await _repository.StoreCrlAsync(record, domains, cancellationToken);
        foreach (var changed in domains)
        {
            _paths.Invalidate(changed);
        }

        if (!stored)
        {
            return TrustErrors.CrlOlderThanStored;
        }

        TrustLog.CrlStored(_logger, issuerName, record.ThisUpdate, record.RevokedCount, string.Join(",", domains));
        return new CrlUploadResult(issuerName, record.ThisUpdate, record.NextUpdate, record.RevokedCount, domains);
    }
}
