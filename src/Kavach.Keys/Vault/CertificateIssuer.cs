using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>
/// Builds the certificate of a key the vault has just generated. <paramref name="selfSigner"/> signs with the
/// new key itself (for self-signed ROOT certificates and CSRs).
/// </summary>
public delegate X509Certificate2 CertificateIssuer(PublicKey publicKey, X509SignatureGenerator selfSigner);
