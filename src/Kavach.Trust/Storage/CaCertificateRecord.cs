namespace Kavach.Trust.Storage;

/// <summary>A row of <c>ca_cert_store</c> (spec §5.5): a trusted CA or sub-CA certificate of one partner domain.</summary>
/// <param name="CertId">UUID, primary key.</param>
/// <param name="Subject">The subject in MOSIP's DN form (<c>CN=..,O=..</c>).</param>
/// <param name="Issuer">The issuer in MOSIP's DN form.</param>
/// <param name="IssuerId">The <c>cert_id</c> of the issuing CA's row; a root's own id.</param>
/// <param name="NotBefore">Validity start, UTC.</param>
/// <param name="NotAfter">Validity end, UTC.</param>
/// <param name="CertificatePem">The certificate, PEM.</param>
/// <param name="Thumbprint">SHA-1 of the DER, lower-case hex.</param>
/// <param name="SerialNumber">Serial number, decimal.</param>
/// <param name="PartnerDomain">The domain, upper case.</param>
/// <param name="CaCertificateType"><c>ROOT</c> or <c>INTERMEDIATE</c>.</param>
/// <param name="UploadedAt">When it was stored (<c>cr_dtimes</c>), UTC.</param>
/// <param name="UploadedBy">Who stored it (<c>cr_by</c>).</param>
public sealed record CaCertificateRecord(
    string CertId,
    string Subject,
    string Issuer,
    string IssuerId,
    DateTime NotBefore,
    DateTime NotAfter,
    string CertificatePem,
    string Thumbprint,
    string SerialNumber,
    string PartnerDomain,
    string CaCertificateType,
    DateTime UploadedAt,
    string UploadedBy)
{
    /// <summary>The <c>ca_cert_type</c> of self-signed CA certificates.</summary>
    public const string Root = "ROOT";

    /// <summary>The <c>ca_cert_type</c> of every other CA certificate.</summary>
    public const string Intermediate = "INTERMEDIATE";
}
