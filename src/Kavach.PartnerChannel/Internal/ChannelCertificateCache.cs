using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BitFaster.Caching.Lru;

namespace Kavach.PartnerChannel.Internal;

/// <summary>
/// Parsed certificates by SHA-256 thumbprint, bounded. Keyed by the DER's hash rather than the object, so a resolver
/// that hands out a fresh <see cref="X509Certificate2"/> per request still hits the cache, and a changed certificate
/// can never be served the old key.
/// </summary>
internal sealed class ChannelCertificateCache
{
    private readonly ConcurrentLru<string, ChannelCertificate> _cache;

    public ChannelCertificateCache(int capacity = 1024) => _cache = new ConcurrentLru<string, ChannelCertificate>(capacity);

    /// <summary>Shared by the SDK handlers of one process.</summary>
    public static ChannelCertificateCache Shared { get; } = new();

    /// <summary>The parsed certificate, or null when it has no usable RSA key.</summary>
    public ChannelCertificate? Get(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        byte[] thumbprint = SHA256.HashData(certificate.RawDataMemory.Span);
        string key = Convert.ToHexString(thumbprint);
        if (_cache.TryGet(key, out ChannelCertificate? cached))
        {
            return cached;
        }

        ChannelCertificate? parsed = ChannelCertificate.TryCreate(certificate, thumbprint);
        if (parsed is not null)
        {
            _cache.AddOrUpdate(key, parsed);
        }

        return parsed;
    }
}
