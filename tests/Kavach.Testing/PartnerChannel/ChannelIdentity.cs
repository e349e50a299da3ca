using System.Security.Cryptography.X509Certificates;

namespace Kavach.Testing.PartnerChannel;

/// <summary>A certificate with its private key, also written as PEM files (for Python and openssl).</summary>
/// <param name="Certificate">The certificate, with its private key.</param>
/// <param name="CertificatePath">The PEM certificate file.</param>
/// <param name="KeyPath">The PKCS#8 PEM private key file.</param>
public sealed record ChannelIdentity(X509Certificate2 Certificate, string CertificatePath, string KeyPath);
