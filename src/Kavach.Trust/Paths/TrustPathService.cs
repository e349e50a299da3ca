using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Kavach.Trust.Paths;

/// <summary>Answers "does this certificate have a trust path in domain X now" from the cached domain views.</summary>
public sealed class TrustPathService
{
    private readonly DomainTrustCache _cache;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal TrustPathService(DomainTrustCache cache, TimeProvider time, ILogger logger)
    {
        _cache = cache;
        _time = time;
        _logger = logger;
    }

    /// <summary>Checks <paramref name="certificate"/> in <paramref name="domain"/> (an allowed domain, upper case).</summary>
    public async Task<TrustEvaluation> EvaluateAsync(X509Certificate2 certificate, string domain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var snapshot = await _cache.GetAsync(domain, cancellationToken);
        return TrustPathBuilder.Evaluate(snapshot, certificate, _time.GetUtcNow().UtcDateTime, _logger);
    }

    /// <summary>Forgets this process's view of <paramref name="domain"/> after changing it.</summary>
    internal void Invalidate(string domain) => _cache.Invalidate(domain);
}
