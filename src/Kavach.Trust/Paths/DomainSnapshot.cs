using System.Diagnostics.CodeAnalysis;
using BitFaster.Caching.Lru;
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

    // Trusted paths by the target's SHA-256 thumbprint: bounded, least recently used out first.
    private readonly ConcurrentLru<string, CachedPath> _paths = new(MaxCachedPaths);

    /// <summary>When the database last confirmed this version.</summary>
    public DateTimeOffset CheckedAt => new(Interlocked.Read(ref _checkedAtTicks), TimeSpan.Zero);

    public void MarkChecked(DateTimeOffset at) => Interlocked.Exchange(ref _checkedAtTicks, at.UtcTicks);

    /// <summary>The trusted path found earlier for <paramref name="key"/>, if it is still cached.</summary>
    public bool TryFindPath(string key, [NotNullWhen(true)] out CachedPath? path) => _paths.TryGet(key, out path);

    public void Remember(string key, CachedPath path) => _paths.AddOrUpdate(key, path);
}
