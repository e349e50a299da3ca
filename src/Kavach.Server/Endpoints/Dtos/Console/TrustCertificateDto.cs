namespace Kavach.Server.Endpoints.Dtos.Console;

/// <summary>One certificate of the partner trust store.</summary>
/// <param name="CertId">The store's id.</param>
/// <param name="Kind"><c>CA</c>, <c>SUB_CA</c> or <c>PARTNER</c>.</param>
/// <param name="Domain">The partner domain.</param>
/// <param name="PartnerId">The partner's id; null (the trust store does not record it).</param>
/// <param name="Organization">The organisation a partner certificate was uploaded for; null for CA certificates.</param>
/// <param name="Subject">Subject, MOSIP DN form.</param>
/// <param name="Issuer">Issuer, MOSIP DN form.</param>
/// <param name="IssuerCertId">The store id of the issuing CA.</param>
/// <param name="Serial">Serial number, decimal.</param>
/// <param name="NotBefore">Validity start.</param>
/// <param name="NotAfter">Validity end.</param>
/// <param name="Thumbprint">SHA-1 of the DER, lower-case hex (MOSIP's).</param>
/// <param name="Revoked">True when a stored CRL lists it.</param>
public sealed record TrustCertificateDto(
    string CertId,
    string Kind,
    string Domain,
    string? PartnerId,
    string? Organization,
    string Subject,
    string Issuer,
    string IssuerCertId,
    string Serial,
    string NotBefore,
    string NotAfter,
    string Thumbprint,
    bool Revoked);
