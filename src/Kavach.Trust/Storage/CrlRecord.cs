namespace Kavach.Trust.Storage;

/// <summary>A row of <c>ca_crl_store</c> (Kavach's; MOSIP keeps no CRLs): the current CRL of one CA key.</summary>
/// <param name="CrlId">UUID, primary key; a new one for every accepted upload.</param>
/// <param name="IssuerKeyHash">SHA-256 of the issuing CA's SubjectPublicKeyInfo, upper-case hex; one CRL per CA key.</param>
/// <param name="Issuer">The CRL issuer in MOSIP's DN form.</param>
/// <param name="IssuerCertId">A <c>ca_cert_store</c> row whose key verified the CRL's signature.</param>
/// <param name="CrlNumber">The cRLNumber extension in decimal, when present.</param>
/// <param name="ThisUpdate">The CRL's thisUpdate, UTC.</param>
/// <param name="NextUpdate">The CRL's nextUpdate, UTC, when present.</param>
/// <param name="RevokedCount">How many certificates it lists.</param>
/// <param name="CrlPem">The CRL, PEM (<c>X509 CRL</c>).</param>
/// <param name="UploadedAt">When it was stored, UTC.</param>
/// <param name="UploadedBy">Who stored it.</param>
public sealed record CrlRecord(
    string CrlId,
    string IssuerKeyHash,
    string Issuer,
    string IssuerCertId,
    string? CrlNumber,
    DateTime ThisUpdate,
    DateTime? NextUpdate,
    int RevokedCount,
    string CrlPem,
    DateTime UploadedAt,
    string UploadedBy);
