using Kavach.Testing.PartnerChannel;

namespace Kavach.PartnerChannel.Tests.Interop;

/// <summary>One PKI for a test class: two partners, each with its three certificates, and a partner from a rogue TLS CA.</summary>
public sealed class InteropPki : IDisposable
{
    public InteropPki()
    {
        Pki = PartnerChannelPki.Create();
        Alpha = Pki.Partner("partner-alpha");
        Beta = Pki.Partner("partner-beta");
        Rogue = Pki.Partner("partner-alpha-rogue", Pki.RogueTlsCa);
    }

    public PartnerChannelPki Pki { get; }

    /// <summary>A registered partner.</summary>
    public PartnerIdentity Alpha { get; }

    /// <summary>Another registered partner.</summary>
    public PartnerIdentity Beta { get; }

    /// <summary>A TLS client certificate from a CA that is not the partner TLS CA.</summary>
    public PartnerIdentity Rogue { get; }

    public void Dispose() => Pki.Dispose();
}
