using System.Security.Cryptography.X509Certificates;
using Kavach.PartnerChannel.Keys;

namespace Kavach.PartnerChannel;

/// <summary>Options of the partner SDK (<c>PartnerChannelHandler</c>).</summary>
public sealed class PartnerChannelClientOptions
{
    /// <summary>The profile the service speaks.</summary>
    public ChannelProfile Profile { get; set; } = ChannelProfile.Mosip;

    /// <summary>How far a response's time may be from our clock, either way.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The service's signature certificate: the only one a response may be signed with.</summary>
    public X509Certificate2? ServerSigningCertificate { get; set; }

    /// <summary>The service's encryption certificate (kavach bodies and mosip field-level encryption go to it).</summary>
    public X509Certificate2? ServerEncryptionCertificate { get; set; }

    /// <summary>Our signature key.</summary>
    public IChannelSigner? Signer { get; set; }

    /// <summary>Our encryption key (kavach responses are encrypted to it).</summary>
    public IChannelDecryptor? Decryptor { get; set; }

    /// <summary>Mosip profile: encrypt the request at field level as IDA does (<c>request</c>, <c>requestSessionKey</c>, ...).</summary>
    public bool EncryptMosipRequest { get; set; }
}
