namespace Kavach.Trust.Storage;

/// <summary>A row of <c>channel_partner</c> (Kavach's): a partner onboarded for the partner channel.</summary>
/// <param name="PartnerId">The partner id (the TLS client certificate's common name); primary key.</param>
/// <param name="Organization">The partner's organisation.</param>
/// <param name="Domain">The trust-store domain its certificates chain to.</param>
/// <param name="ApplicationId">Our application it talks to.</param>
/// <param name="SigningCertificatePem">The partner's signature certificate, PEM, as uploaded.</param>
/// <param name="EncryptionCertificatePem">The partner's encryption certificate, PEM, as uploaded.</param>
/// <param name="SigningCertificateId">The <c>partner_cert_store</c> row of the signature certificate.</param>
/// <param name="EncryptionCertificateId">The <c>partner_cert_store</c> row of the encryption certificate.</param>
/// <param name="TlsSerial">Upper-case hex serial of the newest TLS client certificate.</param>
/// <param name="TlsNotAfter">Its end of validity, UTC.</param>
/// <param name="PreviousTlsSerial">The serial it replaced at the last renewal, accepted until <paramref name="PreviousTlsNotAfter"/>.</param>
/// <param name="PreviousTlsNotAfter">End of validity of the previous TLS client certificate, UTC.</param>
/// <param name="Status"><see cref="Active"/> or <see cref="Revoked"/>.</param>
/// <param name="RevocationReason">Why it was revoked.</param>
/// <param name="CreatedAt">When it was onboarded, UTC.</param>
/// <param name="CreatedBy">Who onboarded it.</param>
/// <param name="UpdatedAt">Last renewal or revocation, UTC.</param>
/// <param name="UpdatedBy">Who renewed or revoked it last.</param>
/// <param name="RevokedAt">When it was revoked, UTC.</param>
public sealed record ChannelPartnerRecord(
    string PartnerId,
    string Organization,
    string Domain,
    string ApplicationId,
    string SigningCertificatePem,
    string EncryptionCertificatePem,
    string? SigningCertificateId,
    string? EncryptionCertificateId,
    string TlsSerial,
    DateTime TlsNotAfter,
    string? PreviousTlsSerial,
    DateTime? PreviousTlsNotAfter,
    string Status,
    string? RevocationReason,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    DateTime? RevokedAt)
{
    /// <summary>The status of a partner whose certificates are accepted.</summary>
    public const string Active = "ACTIVE";

    /// <summary>The status of a revoked partner: all three certificates refused.</summary>
    public const string Revoked = "REVOKED";
}
