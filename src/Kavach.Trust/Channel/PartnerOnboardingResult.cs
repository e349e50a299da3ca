namespace Kavach.Trust.Channel;

/// <summary>What an onboarded (or renewed) partner takes home, all PEM.</summary>
/// <param name="Partner">The partner as recorded.</param>
/// <param name="TlsChain">Its TLS client certificate, the partner TLS CA, ROOT.</param>
/// <param name="ServerSigningCertificate">Our signature certificate (<c>&lt;APP&gt;/SIGN</c>): response signatures verify with it.</param>
/// <param name="ServerEncryptionCertificate">Our encryption certificate (<c>&lt;APP&gt;/&lt;ref&gt;</c>): requests are encrypted to it.</param>
/// <param name="CaBundle">What it pins for our side: the partner TLS CA and ROOT.</param>
public sealed record PartnerOnboardingResult(
    ChannelPartnerView Partner,
    string TlsChain,
    string ServerSigningCertificate,
    string ServerEncryptionCertificate,
    string CaBundle);
