using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Signatures;

/// <summary>The verifier used until a trust store is configured: nothing is trusted (fail closed).</summary>
public sealed class NoTrustStore : ICertificateTrustVerifier
{
    /// <inheritdoc />
    public Task<bool> IsTrustedAsync(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates, string domain, CancellationToken cancellationToken) =>
        Task.FromResult(false);
}
