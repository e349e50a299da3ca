namespace Kavach.Trust.Channel;

/// <summary>
/// A partner onboarded for the partner channel (seed 000): its three certificates and its state. The signature and
/// encryption certificates are the partner's own (in the trust store, <paramref name="Domain"/>); the TLS client
/// certificates were issued by our partner TLS CA (serials of the current one and, during renewal, the previous one).
/// </summary>
/// <param name="PartnerId">The partner id (the TLS certificate's common name).</param>
/// <param name="Organization">The partner's organisation.</param>
/// <param name="Domain">The trust-store domain its certificates chain to (<c>AUTH</c> by default).</param>
/// <param name="ApplicationId">Our application it talks to (whose signature and encryption certificates it pins).</param>
/// <param name="SigningCertificate">DER of the partner's signature certificate.</param>
/// <param name="EncryptionCertificate">DER of the partner's encryption certificate.</param>
/// <param name="TlsCertificateSerials">Upper-case hex serials of the TLS client certificates accepted now.</param>
/// <param name="TlsNotAfter">End of validity of the newest TLS client certificate.</param>
/// <param name="State">Active or revoked.</param>
public sealed record ChannelPartner(
    string PartnerId,
    string Organization,
    string Domain,
    string ApplicationId,
    byte[] SigningCertificate,
    byte[] EncryptionCertificate,
    IReadOnlyList<string> TlsCertificateSerials,
    DateTimeOffset TlsNotAfter,
    ChannelPartnerState State);
