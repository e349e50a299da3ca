using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Partners;

/// <summary>Finds the verified partner behind a TLS client certificate.</summary>
public interface IPartnerResolver
{
    /// <summary>
    /// The partner this TLS client certificate belongs to, when it chains to the partner TLS CA, its serial is one the
    /// registry accepts, the partner is active, and its signature certificate has a trust path in its domain
    /// (validity, CRL); null otherwise. Throws only for infrastructure faults (store or vault down), which the
    /// middleware answers with 503 <c>KER-PCH-003</c>.
    /// </summary>
    ValueTask<VerifiedPartner?> ResolveAsync(X509Certificate2 tlsClientCertificate, CancellationToken cancellationToken);
}
