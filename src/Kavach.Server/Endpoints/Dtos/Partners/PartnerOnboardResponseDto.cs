namespace Kavach.Server.Endpoints.Dtos.Partners;

/// <summary>Response of onboarding and renewal: what the partner installs and pins, all PEM.</summary>
/// <param name="Partner">The partner as recorded.</param>
/// <param name="TlsCertificateChain">Its TLS client certificate, the partner TLS CA, ROOT.</param>
/// <param name="ServerSigningCertificate">Our signature certificate (<c>APP/SIGN</c>).</param>
/// <param name="ServerEncryptionCertificate">Our encryption certificate (<c>APP/PARTNER</c>).</param>
/// <param name="CaBundle">The partner TLS CA and ROOT.</param>
public sealed record PartnerOnboardResponseDto(
    PartnerDto Partner,
    string TlsCertificateChain,
    string ServerSigningCertificate,
    string ServerEncryptionCertificate,
    string CaBundle);
