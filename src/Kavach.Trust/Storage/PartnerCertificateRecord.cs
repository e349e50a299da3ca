namespace Kavach.Trust.Storage;

/// <summary>A row of <c>partner_cert_store</c> (spec §5.6): an uploaded partner certificate and its re-signed form.</summary>
/// <param name="CertId">UUID, primary key; the <c>certificateId</c> returned to the partner.</param>
/// <param name="Subject">Subject, MOSIP DN form.</param>
/// <param name="Issuer">Issuer, MOSIP DN form.</param>
/// <param name="IssuerId">The <c>ca_cert_store</c> id of the issuing CA in the domain.</param>
/// <param name="NotBefore">Validity start of the partner's certificate, UTC.</param>
/// <param name="NotAfter">Validity end of the partner's certificate, UTC.</param>
/// <param name="PartnerDomain">The domain, upper case.</param>
/// <param name="CertificatePem">The partner's certificate as uploaded, PEM.</param>
/// <param name="SignedCertificatePem">The certificate re-signed by our PMS key, PEM.</param>
/// <param name="KeyUsage">Always <c>""</c>, as MOSIP writes it.</param>
/// <param name="OrganizationName">The organisation the partner named.</param>
/// <param name="Thumbprint">SHA-1 of the partner certificate's DER, lower-case hex.</param>
/// <param name="SerialNumber">Serial number of the partner certificate, decimal.</param>
/// <param name="UploadedAt">When it was stored, UTC.</param>
/// <param name="UploadedBy">Who stored it.</param>
public sealed record PartnerCertificateRecord(
    string CertId,
    string Subject,
    string Issuer,
    string IssuerId,
    DateTime NotBefore,
    DateTime NotAfter,
    string PartnerDomain,
    string CertificatePem,
    string SignedCertificatePem,
    string KeyUsage,
    string OrganizationName,
    string Thumbprint,
    string SerialNumber,
    DateTime UploadedAt,
    string UploadedBy);
