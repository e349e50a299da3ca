using System.Security.Cryptography.X509Certificates;

namespace Kavach.Trust.Channel;

/// <summary>A TLS client certificate the partner TLS CA issued, with its chain.</summary>
/// <param name="Certificate">The partner's TLS client certificate.</param>
/// <param name="Chain">The certificate, the partner TLS CA, ROOT: what the partner presents and pins.</param>
/// <param name="Serial">Upper-case hex serial of <paramref name="Certificate"/>.</param>
public sealed record IssuedTlsCertificate(X509Certificate2 Certificate, IReadOnlyList<X509Certificate2> Chain, string Serial)
{
    /// <summary>End of validity, UTC.</summary>
    public DateTime NotAfter => Certificate.NotAfter.ToUniversalTime();
}
