using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Remote;

/// <summary>A certificate fetched from the server, reused for a while: one <c>/getCertificate</c> call per lifetime, not per request.</summary>
internal sealed class CachedCertificate(TimeProvider time, TimeSpan lifetime)
{
    private volatile Entry? _entry;

    public async ValueTask<X509Certificate2> GetAsync(Func<CancellationToken, Task<X509Certificate2>> fetch, CancellationToken cancellationToken)
    {
        var entry = _entry;
        if (entry is not null && time.GetUtcNow() < entry.FetchedAt + lifetime)
        {
            return entry.Certificate;
        }

        var certificate = await fetch(cancellationToken).ConfigureAwait(false);
        Offer(certificate);
        return certificate;
    }

    /// <summary>Takes a certificate the server just used (e.g. the one <c>/signRawData</c> signed with).</summary>
    public void Offer(X509Certificate2 certificate) => _entry = new Entry(certificate, time.GetUtcNow());

    private sealed record Entry(X509Certificate2 Certificate, DateTimeOffset FetchedAt);
}
