using Kavach.Trust.Storage;

namespace Kavach.Trust.Tests.Support;

/// <summary>An <see cref="ITrustRepository"/> in memory, with a per-domain version like the SQL one; counts version reads.</summary>
public sealed class InMemoryTrustRepository : ITrustRepository
{
    private readonly object _gate = new();
    private readonly List<CaCertificateRecord> _cas = [];
    private readonly List<PartnerCertificateRecord> _partners = [];
    private readonly Dictionary<string, CrlRecord> _crls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);

    public int VersionReads { get; private set; }

    public IReadOnlyList<CaCertificateRecord> CaRows
    {
        get
        {
            lock (_gate)
            {
                return _cas.ToList();
            }
        }
    }

    public Task<long> GetDomainVersionAsync(string domain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            VersionReads++;
            return Task.FromResult(_versions.GetValueOrDefault(domain));
        }
    }

    public Task<IReadOnlyList<CaCertificateRecord>> GetCaCertificatesAsync(string domain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CaCertificateRecord>>(_cas.Where(c => c.PartnerDomain == domain).ToList());
        }
    }

    public Task<IReadOnlyList<CaCertificateRecord>> FindCaCertificatesBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CaCertificateRecord>>(_cas.Where(c => c.Subject == subject).ToList());
        }
    }

    public Task<CaCertificateRecord?> GetCaCertificateAsync(string certId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_cas.FirstOrDefault(c => c.CertId == certId));
        }
    }

    public Task<bool> CaCertificateExistsAsync(string thumbprint, string domain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_cas.Any(c => c.Thumbprint == thumbprint && c.PartnerDomain == domain));
        }
    }

    public Task<bool> InsertCaCertificateAsync(CaCertificateRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_cas.Any(c => c.Thumbprint == record.Thumbprint && c.PartnerDomain == record.PartnerDomain))
            {
                return Task.FromResult(false);
            }

            _cas.Add(record);
            Bump(record.PartnerDomain);
            return Task.FromResult(true);
        }
    }

    public Task<CaCertificatePage> QueryCaCertificatesAsync(CaCertificateQuery query, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The SQL repositories' contract tests cover queries.");

    public Task InsertPartnerCertificateAsync(PartnerCertificateRecord record, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _partners.Add(record);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<PartnerCertificateRecord>> GetPartnerCertificatesAsync(string? domain, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<PartnerCertificateRecord>>(
                _partners.Where(p => domain is null || p.PartnerDomain == domain).ToList());
        }
    }

    public Task<PartnerCertificateRecord?> GetPartnerCertificateAsync(string certId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_partners.FirstOrDefault(p => p.CertId == certId));
        }
    }

    public Task<IReadOnlyList<CrlRecord>> GetCrlsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<CrlRecord>>(_crls.Values.ToList());
        }
    }

    public Task<bool> StoreCrlAsync(CrlRecord record, IReadOnlyCollection<string> domains, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_crls.TryGetValue(record.IssuerKeyHash, out var stored) && stored.ThisUpdate > record.ThisUpdate)
            {
                return Task.FromResult(false);
            }

            _crls[record.IssuerKeyHash] = record;
            foreach (var domain in domains)
            {
                Bump(domain);
            }

            return Task.FromResult(true);
        }
    }

    /// <summary>Changes a stored row behind the services' back (as an operator with SQL access could), bumping the version.</summary>
    public void Replace(CaCertificateRecord row, CaCertificateRecord replacement)
    {
        lock (_gate)
        {
            _cas[_cas.IndexOf(row)] = replacement;
            Bump(row.PartnerDomain);
        }
    }

    /// <summary>Changes a stored CRL row behind the services' back, bumping the versions given.</summary>
    public void ReplaceCrl(string keyHash, Func<CrlRecord, CrlRecord> change, params string[] domains)
    {
        lock (_gate)
        {
            _crls[keyHash] = change(_crls[keyHash]);
            foreach (var domain in domains)
            {
                Bump(domain);
            }
        }
    }

    private void Bump(string domain) => _versions[domain] = _versions.GetValueOrDefault(domain) + 1;
}
