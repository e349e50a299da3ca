using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Keys;

/// <summary>
/// Our side's signature key on the partner channel: the partner's signature certificate in the SDK, the application's
/// <c>&lt;APP&gt;/SIGN</c> certificate in the service. One private-key operation per signature.
/// </summary>
public interface IChannelSigner
{
    /// <summary>
    /// The signature certificate (only its public part is used: it goes into <c>x5c</c> / <c>keyid</c>). Called on
    /// every request, so implementations hand out a cached instance.
    /// </summary>
    ValueTask<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken);

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 over <paramref name="data"/>.</summary>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}
