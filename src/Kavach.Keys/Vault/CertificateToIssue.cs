using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>
/// A certificate our own code has laid out — subject, public key, extensions, issuer name, validity and serial — for
/// an issuing key in the vault to sign (<see cref="IKeyVault.IssueCertificate"/>). The vault signs only the
/// TBSCertificate .NET encodes from it, never bytes handed in from outside.
/// </summary>
/// <param name="Request">The subject, its public key and the extensions.</param>
/// <param name="IssuerName">The issuer's subject name (must be the subject of the issuing key's certificate).</param>
/// <param name="NotBefore">Start of validity.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="SerialNumber">The serial number, big-endian.</param>
public sealed record CertificateToIssue(
    CertificateRequest Request,
    X500DistinguishedName IssuerName,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    byte[] SerialNumber)
{
    /// <summary>Signs the certificate with <paramref name="signer"/> (self-signed certificates and tests).</summary>
    public X509Certificate2 Create(X509SignatureGenerator signer) =>
        Request.Create(IssuerName, signer, NotBefore, NotAfter, SerialNumber);
}
