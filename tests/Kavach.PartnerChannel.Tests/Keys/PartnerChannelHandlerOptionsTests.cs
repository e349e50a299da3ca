using Kavach.PartnerChannel.Client;
using Kavach.PartnerChannel.Tests.Support;

namespace Kavach.PartnerChannel.Tests.Keys;

public sealed class PartnerChannelHandlerOptionsTests
{
    private static PartnerChannelClientOptions Complete(ChannelProfile profile) => new()
    {
        Profile = profile,
        Signer = TestPki.Instance.PartnerA.Keys,
        Decryptor = TestPki.Instance.PartnerA.Keys,
        ServerSigningCertificate = TestPki.Instance.ServerKeys.SigningCertificate,
        ServerEncryptionCertificate = TestPki.Instance.ServerKeys.EncryptionCertificate,
    };

    [Fact]
    public void Options_missing_what_the_profile_needs_are_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new PartnerChannelHandler(new PartnerChannelClientOptions()));
        PartnerChannelClientOptions noPin = Complete(ChannelProfile.Mosip);
        noPin.ServerSigningCertificate = null;
        Assert.Throws<ArgumentException>(() => new PartnerChannelHandler(noPin));
        PartnerChannelClientOptions noDecryptor = Complete(ChannelProfile.Kavach);
        noDecryptor.Decryptor = null;
        Assert.Throws<ArgumentException>(() => new PartnerChannelHandler(noDecryptor));
        PartnerChannelClientOptions noEncryption = Complete(ChannelProfile.Mosip);
        noEncryption.ServerEncryptionCertificate = null;
        noEncryption.EncryptMosipRequest = true;
        Assert.Throws<ArgumentException>(() => new PartnerChannelHandler(noEncryption));
        PartnerChannelClientOptions noSkew = Complete(ChannelProfile.Mosip);
        noSkew.ClockSkew = TimeSpan.Zero;
        Assert.Throws<ArgumentException>(() => new PartnerChannelHandler(noSkew));

        using var ok = new PartnerChannelHandler(Complete(ChannelProfile.Kavach));
    }

    [Fact]
    public void Tls_handler_needs_the_client_key_and_a_bundle()
    {
        Assert.Throws<ArgumentException>(() => PartnerHttpClientFactory.CreateHandler(ChannelClients.PublicOnly(TestPki.Instance.PartnerA.Tls), TestPki.Instance.ServerTlsBundle));
        Assert.Throws<ArgumentException>(() => PartnerHttpClientFactory.CreateHandler(TestPki.Instance.PartnerA.Tls, []));
    }
}
