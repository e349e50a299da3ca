using Kavach.Keys.Errors;

namespace Kavach.Trust.Errors;

/// <summary>
/// MOSIP's partner certificate error codes (<c>PartnerCertManagerErrorConstants</c>, spec §11) and Kavach's own codes
/// for certificate revocation lists, which MOSIP does not have (<c>KER-PCM-1xx</c>).
/// </summary>
public static class TrustErrors
{
    /// <summary>KER-PCM-001.</summary>
    public static readonly KavachError InvalidCertificate = new("KER-PCM-001", "Invalid Certificate uploaded.");

    /// <summary>KER-PCM-003.</summary>
    public static readonly KavachError CertificateExists = new("KER-PCM-003", "Certificate already exists in store.");

    /// <summary>KER-PCM-004.</summary>
    public static readonly KavachError CertificateDatesNotValid = new("KER-PCM-004", "Certificate Dates are not valid.");

    /// <summary>KER-PCM-005.</summary>
    public static readonly KavachError RootCaNotFound = new("KER-PCM-005", "Root CA Certificate not found.");

    /// <summary>KER-PCM-006.</summary>
    public static readonly KavachError RootIntermediateCaNotFound = new("KER-PCM-006", "Root CA/Intermediate CA Certificates not found.");

    /// <summary>KER-PCM-007.</summary>
    public static readonly KavachError InvalidCertificateVersion = new("KER-PCM-007", "Certificate version not supported.");

    /// <summary>KER-PCM-008.</summary>
    public static readonly KavachError PartnerOrganizationNotMatched = new("KER-PCM-008", "Partner Organization Name not Matched.");

    /// <summary>KER-PCM-010.</summary>
    public static readonly KavachError InvalidCertificateId = new("KER-PCM-010", "Invalid Partner Certificate ID.");

    /// <summary>KER-PCM-011.</summary>
    public static readonly KavachError InvalidPartnerDomain = new("KER-PCM-011", "Invalid Partner Domain.");

    /// <summary>KER-PCM-012.</summary>
    public static readonly KavachError PartnerCertificateNotFound = new("KER-PCM-012", "Partner Certificate not found for the given ID.");

    /// <summary>KER-PCM-013.</summary>
    public static readonly KavachError KeySizeNotAllowed = new("KER-PCM-013", "Partner Certificate Key Size is less than allowed size.");

    /// <summary>KER-PCM-014.</summary>
    public static readonly KavachError SignatureAlgorithmNotAllowed = new("KER-PCM-014", "Partner Certificate Signature algorithm not supported.");

    /// <summary>KER-PCM-015.</summary>
    public static readonly KavachError SelfSignedNotAllowed = new("KER-PCM-015", "Self Signed Certificate not allowed as partner.");

    /// <summary>KER-PCM-016.</summary>
    public static readonly KavachError SignCertificateNotAllowed = new("KER-PCM-016", "Sign Certificate not allowed for the authenticated token.");

    /// <summary>KER-PCM-017.</summary>
    public static readonly KavachError CaValidityTooShort = new("KER-PCM-017", "The CA Certificate validity is less than required minimum validity.");

    /// <summary>KER-PCM-018.</summary>
    public static readonly KavachError InvalidCaCertificateType = new("KER-PCM-018", "Invalid Certificate Type");

    /// <summary>KER-PMS-019 (sic: MOSIP's prefix).</summary>
    public static readonly KavachError CaCertificateNotFound = new("KER-PMS-019", "CA Certificate not found for the given ID.");

    /// <summary>KER-PMS-020 (sic: MOSIP's prefix).</summary>
    public static readonly KavachError FutureDatedNotAllowed = new("KER-PMS-020", "Future Dated Certificate not allowed to upload.");

    /// <summary>KER-KMS-021 as the partner service uses it.</summary>
    public static readonly KavachError PartnerValidityTooShort = new("KER-KMS-021", "The PARTNER Certificate validity is less than required minimum validity");

    /// <summary>KER-KMS-021 when the p7b cannot be built.</summary>
    public static readonly KavachError P7bConversion = new("KER-KMS-021", "Failed to create p7b file format.");

    /// <summary>Kavach: the CRL is neither a PEM <c>X509 CRL</c> nor base64 DER of one.</summary>
    public static readonly KavachError InvalidCrl = new("KER-PCM-101", "Invalid CRL uploaded.");

    /// <summary>Kavach: no CA certificate of the trust store (of the given domain) has the CRL's issuer name.</summary>
    public static readonly KavachError CrlIssuerNotFound = new("KER-PCM-102", "CRL issuer not found in the trust store.");

    /// <summary>Kavach: CA certificates with the issuer's name exist, but none of their keys signed the CRL.</summary>
    public static readonly KavachError CrlSignatureNotValid = new("KER-PCM-103", "CRL signature not valid for the issuer CA.");

    /// <summary>Kavach: a newer CRL of the same CA is stored already (no roll-back).</summary>
    public static readonly KavachError CrlOlderThanStored = new("KER-PCM-104", "CRL is older than the CRL already stored for the issuer.");

    /// <summary>Kavach: delta CRLs and CRLs with critical extensions Kavach does not process are refused.</summary>
    public static readonly KavachError CrlNotSupported = new("KER-PCM-105", "CRL not supported (delta CRL or unsupported critical extension).");
}
