namespace Kavach.Trust.Channel;

/// <summary>What a partner hands in to be onboarded.</summary>
/// <param name="PartnerId">The partner id (becomes its TLS certificate's common name).</param>
/// <param name="Organization">Its organisation: must equal the O of its signature and encryption certificates.</param>
/// <param name="Domain">The trust-store domain (default <see cref="PartnerChannelOptions.DefaultDomain"/>).</param>
/// <param name="CaCertificates">Its CA chain, PEM (one or several certificates), or a p7b.</param>
/// <param name="SigningCertificate">Its signature certificate, PEM; must chain to <paramref name="CaCertificates"/>.</param>
/// <param name="EncryptionCertificate">Its encryption certificate, PEM; must chain to <paramref name="CaCertificates"/>.</param>
/// <param name="TlsCsr">Its TLS certificate signing request, PEM or base64 DER.</param>
/// <param name="ApplicationId">Our application it talks to (default <see cref="PartnerChannelOptions.DefaultApplicationId"/>).</param>
public sealed record PartnerOnboardingRequest(
    string? PartnerId,
    string? Organization,
    string? Domain,
    string? CaCertificates,
    string? SigningCertificate,
    string? EncryptionCertificate,
    string? TlsCsr,
    string? ApplicationId = null);
