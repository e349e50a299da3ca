using System.Security.Cryptography.X509Certificates;
using Kavach.Trust.Certificates;

namespace Kavach.Trust.Revocation;

/// <summary>A parsed (not yet verified) X.509 v2 CRL: issuer, dates, number and the revoked serial numbers.</summary>
/// <param name="Der">The whole CRL, DER.</param>
/// <param name="Issuer">The CRL issuer's name.</param>
/// <param name="ThisUpdate">thisUpdate, UTC.</param>
/// <param name="NextUpdate">nextUpdate, UTC, when present.</param>
/// <param name="CrlNumber">The cRLNumber extension in decimal, when present.</param>
/// <param name="RevokedSerials">The revoked serial numbers in decimal.</param>
public sealed record ParsedCrl(
    byte[] Der,
    X500DistinguishedName Issuer,
    DateTime ThisUpdate,
    DateTime? NextUpdate,
    string? CrlNumber,
    IReadOnlySet<string> RevokedSerials)
{
    /// <summary>
    /// True when <paramref name="certificate"/> is listed: its issuer name is this CRL's issuer and its serial is
    /// revoked. The caller has matched the CRL to the issuer's key.
    /// </summary>
    public bool Lists(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.IssuerName.RawData.AsSpan().SequenceEqual(Issuer.RawData) &&
            RevokedSerials.Contains(CertificateFacts.SerialNumber(certificate));
    }
}
