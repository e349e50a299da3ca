using System.Collections.Concurrent;
using Kavach.Trust.Certificates;
using Kavach.Trust.Revocation;
using Kavach.Trust.Storage;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Paths;

/// <summary>
/// The per-domain trust views of this process. A view is reused while the domain's version in the database is the
/// one it was loaded at: every write that changes a domain's CAs or CRLs increments that version in the same
/// transaction, on whichever replica makes it, so one primary-key read per decision (or per
/// <see cref="TrustOptions.CacheRecheckInterval"/>) keeps every replica current. The writing replica also drops its
/// own view at once.
/// </summary>
internal sealed class DomainTrustCache
{
    private readonly ITrustRepository _repository;
    private readonly TimeProvider _time;
    private readonly TimeSpan _recheck;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, DomainSnapshot> _snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _loading = new(StringComparer.Ordinal);

    public DomainTrustCache(ITrustRepository repository, TimeProvider time, TimeSpan recheck, ILogger logger)
    {
        _repository = repository;
        _time = time;
        _recheck = recheck;
        _logger = logger;
    }

    /// <summary>The current view of <paramref name="domain"/> (upper case).</summary>
    public async ValueTask<DomainSnapshot> GetAsync(string domain, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_snapshots.TryGetValue(domain, out var snapshot))
        {
            if (now - snapshot.CheckedAt < _recheck)
            {
                return snapshot;
            }

            if (await _repository.GetDomainVersionAsync(domain, cancellationToken) == snapshot.Version)
            {
                snapshot.MarkChecked(now);
                return snapshot;
            }
        }

        // One loader per domain; the others wait and take its result.
        var gate = _loading.GetOrAdd(domain, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // The version is read before the rows: a write in between makes the view newer than its version, never
            // older, and the next check reloads it.
            var version = await _repository.GetDomainVersionAsync(domain, cancellationToken);
            if (_snapshots.TryGetValue(domain, out snapshot) && snapshot.Version == version)
            {
                snapshot.MarkChecked(now);
                return snapshot;
            }

            snapshot = await LoadAsync(domain, version, now, cancellationToken);
            _snapshots[domain] = snapshot;
            return snapshot;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops the view of <paramref name="domain"/> (after this process changed it).</summary>
    public void Invalidate(string domain) => _snapshots.TryRemove(domain, out _);

    private async Task<DomainSnapshot> LoadAsync(string domain, long version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var authorities = new List<TrustedCa>();
        foreach (var row in await _repository.GetCaCertificatesAsync(domain, cancellationToken))
        {
            var parsed = CertificateInput.ParseCertificate(row.CertificatePem);
            if (!parsed.IsSuccess || !string.Equals(CertificateFacts.Thumbprint(parsed.Value), row.Thumbprint, StringComparison.OrdinalIgnoreCase))
            {
                // An unreadable or edited row is not trusted (fail closed), and the operator hears about it.
                TrustLog.CaRowUnreadable(_logger, row.CertId, domain);
                continue;
            }

            var certificate = parsed.Value;
            authorities.Add(new TrustedCa(row, certificate, CertificateFacts.IsSelfSigned(certificate), CertificateFacts.KeyHash(certificate)));
        }

        var crls = new Dictionary<string, ParsedCrl>(StringComparer.Ordinal);
        var unusable = new HashSet<string>(StringComparer.Ordinal);
        var keys = authorities.GroupBy(a => a.KeyHash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Certificate, StringComparer.Ordinal);
        foreach (var row in await _repository.GetCrlsAsync(cancellationToken))
        {
            if (!keys.TryGetValue(row.IssuerKeyHash, out var issuer))
            {
                continue;
            }

            // Verified again on load. A CRL row changed behind our back must not un-revoke anything, so the CA's
            // certificates stop validating until a good CRL is uploaded (fail closed).
            var crl = CrlParser.ParseText(row.CrlPem);
            if (!crl.IsSuccess || !SignedStructure.IsSignedBy(crl.Value.Der, issuer.PublicKey))
            {
                TrustLog.CrlRowUnusable(_logger, row.CrlId, row.Issuer);
                unusable.Add(row.IssuerKeyHash);
                continue;
            }

            crls[row.IssuerKeyHash] = crl.Value;
        }

        TrustLog.SnapshotLoaded(_logger, domain, version, authorities.Count, crls.Count);
        return new DomainSnapshot(domain, version, authorities, crls, unusable, now);
    }
}
