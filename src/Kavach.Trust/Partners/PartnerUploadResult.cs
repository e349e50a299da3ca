namespace Kavach.Trust.Partners;

/// <summary>The answer to <c>uploadPartnerCertificate</c>.</summary>
/// <param name="CertificateId">The new <c>partner_cert_store</c> id.</param>
/// <param name="SignedCertificateData">The p7b chain: base64url (no padding) of the DER certs-only PKCS#7.</param>
/// <param name="TrustStoreStatus">What the internal CA upload of the chain reported (MOSIP only logs it).</param>
public sealed record PartnerUploadResult(string CertificateId, string SignedCertificateData, string TrustStoreStatus);
