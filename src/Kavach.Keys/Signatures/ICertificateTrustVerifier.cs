using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Signatures;

/// <summary>Answers "is this certificate trusted in partner domain X?" (the partner trust store fills it in).</summary>
public interface ICertificateTrustVerifier
{
    /// <summary>True when a trust path from <paramref name="certificate"/> to a trusted CA of <paramref name="domain"/> exists.</summary>
    Task<bool> IsTrustedAsync(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> intermediates, string domain, CancellationToken cancellationToken);
}
