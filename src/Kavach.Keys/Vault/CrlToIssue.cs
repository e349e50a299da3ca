using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kavach.Keys.Vault;

/// <summary>
/// A certificate revocation list our own code has laid out — issuer, number, update times, authority key identifier and
/// entries — for an issuing key in the vault to sign (<see cref="IKeyVault.IssueCrl"/>). As with
/// <see cref="CertificateToIssue"/>, the vault signs only the TBSCertList .NET encodes from it.
/// </summary>
/// <param name="IssuerName">The issuer's subject name (must be the subject of the issuing key's certificate).</param>
/// <param name="CrlNumber">The CRL number; strictly increasing per issuer (RFC 5280 §5.2.3).</param>
/// <param name="ThisUpdate">When this CRL was made.</param>
/// <param name="NextUpdate">When the next CRL will be made at the latest.</param>
/// <param name="AuthorityKeyIdentifier">The issuer certificate's key identifier.</param>
/// <param name="Entries">The revoked certificates.</param>
public sealed record CrlToIssue(
    X500DistinguishedName IssuerName,
    BigInteger CrlNumber,
    DateTimeOffset ThisUpdate,
    DateTimeOffset NextUpdate,
    X509AuthorityKeyIdentifierExtension AuthorityKeyIdentifier,
    IReadOnlyList<CrlEntry> Entries)
{
    /// <summary>Encodes and signs the CRL with <paramref name="signer"/> (SHA-256); returns its DER.</summary>
    public byte[] Build(X509SignatureGenerator signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in Entries)
        {
            builder.AddEntry(entry.SerialNumber, entry.RevokedAt, entry.Reason);
        }

        return builder.Build(IssuerName, signer, CrlNumber, NextUpdate, HashAlgorithmName.SHA256, AuthorityKeyIdentifier, ThisUpdate);
    }
}
