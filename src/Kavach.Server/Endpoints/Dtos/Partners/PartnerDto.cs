namespace Kavach.Server.Endpoints.Dtos.Partners;

/// <summary>An onboarded partner: what <c>GET /partners/{partnerId}</c> returns (the SDK's remote resolver reads it).</summary>
public sealed record PartnerDto(
    string PartnerId,
    string OrganizationName,
    string PartnerDomain,
    string ApplicationId,
    string Status,
    string SigningCertificate,
    string EncryptionCertificate,
    IReadOnlyList<string> TlsCertificateSerials,
    string TlsNotAfter,
    string? RevokedAt,
    string? RevocationReason);
