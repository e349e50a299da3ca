using System.Collections.Concurrent;
using Kavach.Trust.Revocation;

namespace Kavach.Trust.Paths;

/// <summary>
/// One domain's trust view at a database version: its CA certificates, the CRLs of their keys, and the trusted
/// paths found so far. Immutable except for the path cache and the time of the last version check.
/// </summary>
internal sealed class DomainSnapshot
{
    /// <summary>Paths remembered per domain before the cache is emptied (bounds memory under many distinct certificates).</summary>
    internal const int MaxCachedPaths = 4096;

    private long _checkedAtTicks;

    public DomainSnapshot(string domain, long version, IReadOnlyList<TrustedCa> authorities, IReadOnlyDictionary<string, ParsedCrl> crlsByKeyHash, IReadOnlySet<string> unusableCrlKeys, DateTimeOffset loadedAt)
    {
        Domain = domain;
        Version = version;
        Authorities = authorities;
        CrlsByKeyHash = crlsByKeyHash;
        UnusableCrlKeys = unusableCrlKeys;
        ByThumbprint = authorities
            .GroupBy(a => a.Record.Thumbprint, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _checkedAtTicks = loadedAt.UtcTicks;
    }

    public string Domain { get; }

    public long Version { get; }

    public IReadOnlyList<TrustedCa> Authorities { get; }

    /// <summary>By SHA-1 thumbprint (lower hex).</summary>
    public IReadOnlyDictionary<string, TrustedCa> ByThumbprint { get; }

    /// <summary>The current CRL of each CA key of the domain, by key hash.</summary>
    public IReadOnlyDictionary<string, ParsedCrl> CrlsByKeyHash { get; }

    /// <summary>Key hashes of CAs whose stored CRL does not parse or verify: nothing they issued validates.</summary>
    public IReadOnlySet<string> UnusableCrlKeys { get; }

    /// <summary>Trusted paths by the target's SHA-256 thumbprint.</summary>
    public ConcurrentDictionary<string, CachedPath> Paths { get; } = new(StringComparer.Ordinal);

    /// <summary>When the database last confirmed this version.</summary>
    public DateTimeOffset CheckedAt => new(Interlocked.Read(ref _checkedAtTicks), TimeSpan.Zero);

    public void MarkChecked(DateTimeOffset at) => Interlocked.Exchange(ref _checkedAtTicks, at.UtcTicks);

    public void Remember(string key, CachedPath path)
    {
        if (Paths.Count >= MaxCachedPaths)
        {
            Paths.Clear();
        }

        Paths[key] = path;
    }
}
