using System.Security.Cryptography.X509Certificates;
using Kavach.Keys.Errors;
using Kavach.Server.Endpoints.Dtos.Console;
using Kavach.Server.Http;
using Kavach.Trust;
using Kavach.Trust.Certificates;
using Kavach.Trust.Revocation;
using Kavach.Trust.Storage;

namespace Kavach.Server.Console;

/// <summary>The partner trust store as the console lists it: CA, sub-CA and partner certificates (revoked when a stored CRL lists them), and the CRLs.</summary>
internal sealed class TrustStoreView
{
    private readonly ITrustRepository _repository;
    private readonly TrustServices _trust;

    public TrustStoreView(ITrustRepository repository, TrustServices trust)
    {
        _repository = repository;
        _trust = trust;
    }

    /// <summary>The certificates of <paramref name="domain"/>, or of every allowed domain.</summary>
    public async Task<Result<TrustCertificatesResponseDto>> CertificatesAsync(string? domain, CancellationToken cancellationToken)
    {
        string? only = null;
        if (!string.IsNullOrEmpty(domain))
        {
            var valid = _trust.Domains.Validate(domain);
            if (!valid.IsSuccess)
            {
                return valid.Error;
            }

            only = valid.Value;
        }

        var crls = (await _repository.GetCrlsAsync(cancellationToken))
            .Select(crl => CrlParser.ParseText(crl.CrlPem))
            .Where(parsed => parsed.IsSuccess)
            .Select(parsed => parsed.Value)
            .ToList();
        var rows = new List<TrustCertificateDto>();
        foreach (var name in only is null ? _trust.Domains.All : [only])
        {
            foreach (var ca in (await _repository.GetCaCertificatesAsync(name, cancellationToken)).OrderBy(r => r.UploadedAt))
            {
                rows.Add(new TrustCertificateDto(
                    ca.CertId,
                    ca.CaCertificateType == CaCertificateRecord.Root ? "CA" : "SUB_CA",
                    ca.PartnerDomain,
                    null,
                    null,
                    ca.Subject,
                    ca.Issuer,
                    ca.IssuerId,
                    ca.SerialNumber,
                    MosipTime.Format(ca.NotBefore),
                    MosipTime.Format(ca.NotAfter),
                    ca.Thumbprint,
                    IsRevoked(ca.CertificatePem, crls)));
            }
        }

        foreach (var partner in await _repository.GetPartnerCertificatesAsync(only, cancellationToken))
        {
            rows.Add(new TrustCertificateDto(
                partner.CertId,
                "PARTNER",
                partner.PartnerDomain,
                null,
                partner.OrganizationName,
                partner.Subject,
                partner.Issuer,
                partner.IssuerId,
                partner.SerialNumber,
                MosipTime.Format(partner.NotBefore),
                MosipTime.Format(partner.NotAfter),
                partner.Thumbprint,
                IsRevoked(partner.CertificatePem, crls)));
        }

        return new TrustCertificatesResponseDto(rows);
    }

    /// <summary>Every stored CRL.</summary>
    public async Task<TrustCrlsResponseDto> CrlsAsync(CancellationToken cancellationToken) =>
        new([.. (await _repository.GetCrlsAsync(cancellationToken))
            .OrderBy(crl => crl.Issuer, StringComparer.Ordinal)
            .Select(crl => new TrustCrlDto(
                crl.Issuer,
                crl.IssuerCertId,
                MosipTime.Format(crl.ThisUpdate),
                crl.NextUpdate is { } next ? MosipTime.Format(next) : null,
                crl.RevokedCount))]);

    private static bool IsRevoked(string pem, IReadOnlyList<ParsedCrl> crls)
    {
        if (crls.Count == 0)
        {
            return false;
        }

        var parsed = CertificateInput.ParseCertificate(pem);
        if (!parsed.IsSuccess)
        {
            return false;
        }

        using X509Certificate2 certificate = parsed.Value;
        return crls.Any(crl => crl.Lists(certificate));
    }
}
