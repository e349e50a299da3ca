namespace Kavach.Testing.PartnerChannel;

/// <summary>A partner's three certificates (TLS client, signature, encryption) with their keys.</summary>
/// <param name="PartnerId">The partner id (the TLS certificate's common name).</param>
/// <param name="Tls">The TLS client certificate.</param>
/// <param name="Signing">The signature certificate.</param>
/// <param name="Encryption">The encryption certificate.</param>
public sealed record PartnerIdentity(string PartnerId, ChannelIdentity Tls, ChannelIdentity Signing, ChannelIdentity Encryption);
