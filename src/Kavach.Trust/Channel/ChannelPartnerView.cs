namespace Kavach.Trust.Channel;

/// <summary>An onboarded partner as operators and the partner channel's remote resolver see it.</summary>
/// <param name="PartnerId">The partner id.</param>
/// <param name="OrganizationName">Its organisation.</param>
/// <param name="PartnerDomain">Its trust-store domain.</param>
/// <param name="ApplicationId">Our application it talks to.</param>
/// <param name="Status"><c>ACTIVE</c> or <c>REVOKED</c>.</param>
/// <param name="SigningCertificate">Its signature certificate, PEM.</param>
/// <param name="EncryptionCertificate">Its encryption certificate, PEM.</param>
/// <param name="TlsCertificateSerials">Upper-case hex serials of the TLS client certificates accepted now (newest first).</param>
/// <param name="TlsNotAfter">End of validity of the newest TLS client certificate, UTC.</param>
/// <param name="RevokedAt">When it was revoked, UTC.</param>
/// <param name="RevocationReason">Why.</param>
public sealed record ChannelPartnerView(
    string PartnerId,
    string OrganizationName,
    string PartnerDomain,
    string ApplicationId,
    string Status,
    string SigningCertificate,
    string EncryptionCertificate,
    IReadOnlyList<string> TlsCertificateSerials,
    DateTime TlsNotAfter,
    DateTime? RevokedAt,
    string? RevocationReason);
