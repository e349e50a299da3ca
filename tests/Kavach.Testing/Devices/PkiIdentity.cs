using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Testing.Devices;

/// <summary>A certificate with its RSA private key (a test CA, factory signer or FTM chip).</summary>
/// <param name="Certificate">The certificate, carrying the private key.</param>
/// <param name="Key">The private key.</param>
public sealed record PkiIdentity(X509Certificate2 Certificate, RSA Key)
{
    /// <summary>Lower-case hex SHA-256 of the certificate's DER (a whitelist's <c>ftmCertSha256</c>).</summary>
    public string CertificateSha256 => Convert.ToHexStringLower(SHA256.HashData(Certificate.RawData));

    /// <summary>Lower-case hex SHA-256 of the public key's SubjectPublicKeyInfo (a whitelist's <c>l0KeySha256</c>).</summary>
    public string SpkiSha256 => Convert.ToHexStringLower(SHA256.HashData(Key.ExportSubjectPublicKeyInfo()));

    /// <summary>The certificate as PEM.</summary>
    public string Pem => Certificate.ExportCertificatePem();
}
