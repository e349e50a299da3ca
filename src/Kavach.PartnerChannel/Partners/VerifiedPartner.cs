using System.Security.Cryptography.X509Certificates;

namespace Kavach.PartnerChannel.Partners;

/// <summary>A partner whose TLS client certificate, registration and signature trust path were verified.</summary>
/// <param name="PartnerId">The partner id (the TLS certificate's common name).</param>
/// <param name="Organization">The partner's organisation.</param>
/// <param name="Domain">The trust-store domain of its certificates.</param>
/// <param name="SigningCertificate">The partner's registered signature certificate: the only one its requests may be signed with.</param>
/// <param name="EncryptionCertificate">The partner's encryption certificate (kavach responses are encrypted to it).</param>
public sealed record VerifiedPartner(
    string PartnerId,
    string Organization,
    string Domain,
    X509Certificate2 SigningCertificate,
    X509Certificate2 EncryptionCertificate);
