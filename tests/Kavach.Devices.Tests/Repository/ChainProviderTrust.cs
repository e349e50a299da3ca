using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kavach.Devices.Repository.Providers;
using Kavach.Keys.Errors;

namespace Kavach.Devices.Tests.Repository;

/// <summary>A trust store stand-in: CA certificates per domain, paths checked by <see cref="X509Chain"/> against them only.</summary>
internal sealed class ChainProviderTrust(TimeProvider time) : IProviderTrust
{
    private readonly ConcurrentDictionary<string, X509Certificate2Collection> _domains = new(StringComparer.Ordinal);

    public IReadOnlyCollection<X509Certificate2> In(string domain) => _domains.TryGetValue(domain, out var certificates) ? [.. certificates] : [];

    public Task<Result<string>> UploadCaAsync(string certificateData, string domain, string uploadedBy, CancellationToken cancellationToken)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(certificateData);
        }
        catch (CryptographicException)
        {
            return Task.FromResult<Result<string>>(new KavachError("KER-PCM-001", "Invalid Certificate uploaded."));
        }

        if (certificates.Count == 0)
        {
            return Task.FromResult<Result<string>>(new KavachError("KER-PCM-001", "Invalid Certificate uploaded."));
        }

        _domains.GetOrAdd(domain, _ => []).AddRange(certificates);
        return Task.FromResult<Result<string>>("Upload Success.");
    }

    public Task<(bool Trusted, string? Reason)> EvaluateAsync(X509Certificate2 certificate, string domain, CancellationToken cancellationToken)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.CustomTrustStore.AddRange(In(domain).ToArray());
        var trusted = chain.Build(certificate);
        return Task.FromResult((trusted, trusted ? null : "NO_TRUST_PATH"));
    }
}
