using Kavach.Trust.Certificates;
using Kavach.Trust.Domains;
using Kavach.Trust.Paths;
using Kavach.Trust.Storage;

namespace Kavach.Trust.Authorities;

/// <summary>Every CA certificate of the allowed domains with its current verdict (<c>kavach trust list</c>).</summary>
public sealed class TrustInventory
{
    private readonly ITrustRepository _repository;
    private readonly PartnerDomains _domains;
    private readonly TrustPathService _paths;

    internal TrustInventory(ITrustRepository repository, PartnerDomains domains, TrustPathService paths)
    {
        _repository = repository;
        _domains = domains;
        _paths = paths;
    }

    /// <summary>The CA certificates of <paramref name="domain"/> (an allowed domain, upper case) or of every allowed domain, oldest first.</summary>
    public async Task<IReadOnlyList<TrustStoreEntry>> ListAsync(string? domain, CancellationToken cancellationToken)
    {
        var entries = new List<TrustStoreEntry>();
        foreach (var name in domain is null ? _domains.All : [domain])
        {
            foreach (var row in (await _repository.GetCaCertificatesAsync(name, cancellationToken)).OrderBy(r => r.UploadedAt))
            {
                var certificate = CertificateInput.ParseCertificate(row.CertificatePem);
                var verdict = certificate.IsSuccess
                    ? (await _paths.EvaluateAsync(certificate.Value, name, cancellationToken)).Verdict
                    : TrustVerdict.NoTrustPath;
                entries.Add(new TrustStoreEntry(row, verdict));
            }
        }

        return entries;
    }
}
